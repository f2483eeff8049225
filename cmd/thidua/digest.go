package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/hcmc-thidua/thidua/ent"
	"github.com/hcmc-thidua/thidua/internal/digest"
)

// startDigest runs the reminder digest on its schedule when THIDUA_SMTP_URL
// names a mail server; without one it is off, and says so once.
func startDigest(ctx context.Context, client *ent.Client, smtpURL, spec string) error {
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
	slog.InfoContext(ctx, "digest", "relay", mail.Addr, "from", mail.From, "schedule", spec, "time_zone", "Asia/Ho_Chi_Minh",
		"next_run", sched.Next(time.Now()).Format(time.RFC3339))
	return nil
}
