package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/digest"
)

// startDigest runs the reminder digest on its schedule when THIDUA_SMTP_URL
// names a mail server; without one it is off, and says so once.
func startDigest(ctx context.Context, client *ent.Client, smtpURL, spec string, out io.Writer) error {
	if smtpURL == "" {
		slog.InfoContext(ctx, "digest: off — THIDUA_SMTP_URL is not set, no reminder e-mail is sent")
		return nil
	}
	mail, err := digest.ParseURL(smtpURL)
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	sched, err := digest.NewScheduler(digest.Runner{Client: client, Mail: mail, Replica: fmt.Sprintf("%s/%d", host, os.Getpid())}, spec)
	if err != nil {
		return err
	}
	go sched.Run(ctx)
	fmt.Fprintf(out, "digest: e-mailed through %s from %s on %q (Asia/Ho_Chi_Minh), next at %s\n", mail.Addr, mail.From, spec,
		sched.Next(time.Now()).Format("2006-01-02 15:04 MST"))
	return nil
}
