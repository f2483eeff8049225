//go:build unix

package officetest

import (
	"os/exec"
	"syscall"
)

// killGroup makes a timeout kill the whole process group: soffice is a
// script that execs oosplash, which starts soffice.bin as its child, so
// killing only the process started would leave soffice.bin running.
func killGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
