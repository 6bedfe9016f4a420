package pipeline

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"mime"
	"mime/multipart"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// SMTPOptions says how to send mail: STARTTLS is required, the password
// comes from the environment (main reads it).
type SMTPOptions struct {
	Host           string
	Port           int
	User, Password string
	From           string
	// TLS overrides the TLS configuration (tests trust their own certificate).
	TLS     *tls.Config
	Timeout time.Duration
}

// sendReports mails a recipient the month's PDFs attached.
func sendReports(ctx context.Context, opt SMTPOptions, r Recipient, month time.Time, files []string) error {
	subject := "Proximité — rapport " + month.Format("2006-01")
	body := fmt.Sprintf("Ci-joint le rapport mensuel de %s pour %v.\n", month.Format("2006-01"), r.Territories)
	return sendMail(ctx, opt, r.Email, subject, body, files)
}

// sendMail sends one message to each of to over STARTTLS with AUTH PLAIN.
func sendMail(ctx context.Context, opt SMTPOptions, to []string, subject, body string, files []string) error {
	msg, err := buildMessage(opt.From, to, subject, body, files)
	if err != nil {
		return err
	}
	if opt.Timeout == 0 {
		opt.Timeout = 30 * time.Second
	}
	d := net.Dialer{Timeout: opt.Timeout}
	addr := net.JoinHostPort(opt.Host, strconv.Itoa(opt.Port))
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	conn.SetDeadline(time.Now().Add(opt.Timeout))
	c, err := smtp.NewClient(conn, opt.Host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	defer c.Close()
	if err := converse(c, opt, to, msg); err != nil {
		return fmt.Errorf("smtp %s: %w", addr, err)
	}
	return nil
}

func converse(c *smtp.Client, opt SMTPOptions, to []string, msg []byte) error {
	tlsConf := opt.TLS
	if tlsConf == nil {
		tlsConf = &tls.Config{ServerName: opt.Host, MinVersion: tls.VersionTLS12}
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		return fmt.Errorf("server offers no STARTTLS; refusing to send in clear")
	}
	if err := c.StartTLS(tlsConf); err != nil {
		return err
	}
	if opt.User != "" {
		if err := c.Auth(smtp.PlainAuth("", opt.User, opt.Password, opt.Host)); err != nil {
			return err
		}
	}
	if err := c.Mail(opt.From); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(rcpt); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// buildMessage writes a MIME message with the files attached as PDFs.
func buildMessage(from string, to []string, subject, body string, files []string) ([]byte, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\nMIME-Version: 1.0\r\n", from, joinAddrs(to), mime.QEncoding.Encode("utf-8", subject))
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%s\r\n\r\n", mw.Boundary())
	pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"}})
	if err != nil {
		return nil, err
	}
	pw.Write([]byte(body))
	for _, f := range files {
		if err := attach(mw, f); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), mw.Close()
}

func attach(mw *multipart.Writer, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	name := filepath.Base(path)
	w, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {mime.FormatMediaType("application/pdf", map[string]string{"name": name})},
		"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": name})},
		"Content-Transfer-Encoding": {"base64"},
	})
	if err != nil {
		return err
	}
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 76 {
		fmt.Fprintf(w, "%s\r\n", enc[:76])
		enc = enc[76:]
	}
	_, err = fmt.Fprintf(w, "%s\r\n", enc)
	return err
}

func joinAddrs(to []string) string {
	var b bytes.Buffer
	for i, a := range to {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a)
	}
	return b.String()
}
