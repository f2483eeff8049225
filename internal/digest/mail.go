package digest

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"strings"
	"time"

	"github.com/hcmc-thidua/thidua/internal/access"
	"github.com/hcmc-thidua/thidua/internal/attention"
	"github.com/hcmc-thidua/thidua/internal/domain"
)

// Message is one e-mail: its subject and its plain-text body.
type Message struct {
	Subject, Body string
	Date          time.Time
}

// Mailer delivers a message to one recipient.
type Mailer interface {
	Send(ctx context.Context, to string, m Message) error
}

// SMTP is a mail server reached over SMTP: STARTTLS when the server offers
// it (smtp://), TLS from the first byte (smtps://); credentials only over TLS.
type SMTP struct {
	Addr, From     string
	User, Password string
	ImplicitTLS    bool
}

// Send delivers the message.
func (s SMTP) Send(ctx context.Context, to string, m Message) error {
	host, _, _ := net.SplitHostPort(s.Addr)
	d := net.Dialer{Timeout: 30 * time.Second}
	var conn net.Conn
	var err error
	if s.ImplicitTLS {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: &tls.Config{ServerName: host}}).DialContext(ctx, "tcp", s.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.Addr)
	}
	if err != nil {
		return err
	}
	if deadline, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(deadline)
	} else {
		_ = conn.SetDeadline(time.Now().Add(2 * time.Minute))
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok && !s.ImplicitTLS {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return err
		}
	}
	if s.User != "" {
		// net/smtp's PLAIN refuses to send credentials without TLS, except to localhost.
		if err := c.Auth(smtp.PlainAuth("", s.User, s.Password, host)); err != nil {
			return err
		}
	}
	if err := c.Mail(s.From); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(encode(s.From, to, m)); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// encode writes the message as RFC 5322 text: the subject in RFC 2047's
// encoded words, the body as UTF-8 quoted-printable.
func encode(from, to string, m Message) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nDate: %s\r\nMIME-Version: 1.0\r\n",
		mime.QEncoding.Encode("utf-8", "Thi đua – Khen thưởng")+" <"+from+">", to,
		mime.QEncoding.Encode("utf-8", m.Subject), m.Date.Format(time.RFC1123Z))
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

var kindHeadings = map[attention.Kind]string{
	attention.LatePlan:             "Kế hoạch chưa gửi đúng hạn",
	attention.LateReport:           "Báo cáo quá hạn",
	attention.ReportDueSoon:        "Báo cáo sắp đến hạn hoặc đã quá hạn",
	attention.IdeaAwaitingCity:     "Ý tưởng chờ Thành phố quyết định",
	attention.IdeaAwaitingDecision: "Ý tưởng chờ người đứng đầu quyết định",
	attention.PilotOverdue:         "Thí điểm quá hạn chưa đánh giá",
	attention.VoteToRecord:         "Hồ sơ khen thưởng chờ Hội đồng xét",
	attention.NominationToForward:  "Hồ sơ chờ trình Trung ương",
	attention.NominationToDecide:   "Hồ sơ chờ quyết định khen thưởng",
	attention.IdeaNextStep:         "Ý tưởng của bạn",
}

// Compose writes the viewer's digest of the day, in Vietnamese.
func Compose(v *access.Viewer, l attention.List, day, now time.Time) Message {
	n := len(l.Items)
	var b strings.Builder
	fmt.Fprintf(&b, "Kính gửi đồng chí phụ trách tại đơn vị %s,\n\n", v.UnitCode)
	fmt.Fprintf(&b, "Hệ thống Thi đua ghi nhận %d việc đang chờ đồng chí xử lý (số liệu ngày %s):\n", n, day.Format("02/01/2006"))
	last := attention.Kind("")
	for _, it := range l.Items {
		if it.Kind != last {
			fmt.Fprintf(&b, "\n%s (%d):\n", kindHeadings[it.Kind], l.Counts[it.Kind])
			last = it.Kind
		}
		fmt.Fprintf(&b, "- %s\n", it.Title)
	}
	b.WriteString("\nĐây là thư tự động theo Kế hoạch 1821/KH-UBND (mục V.4: theo dõi, đôn đốc); vui lòng không trả lời thư này.\n")
	return Message{
		Subject: fmt.Sprintf("[Thi đua] %d việc chờ xử lý ngày %s", n, day.Format("02/01/2006")),
		Body:    b.String(),
		Date:    now.In(domain.Zone),
	}
}
