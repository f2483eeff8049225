package policy_test

import (
	"os"
	"testing"

	"github.com/hcmc-thidua/thidua/internal/seed/seedtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	seedtest.Cleanup()
	os.Exit(code)
}
