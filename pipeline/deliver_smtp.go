package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// SMTPOptions says how to send mail: STARTTLS is required, the password
// comes from the environment (main reads it).
type SMTPOptions struct {
	Host           string
	Port           int
	User, Password string
	From           string
	// TLS overrides the TLS configuration (an internal CA's pool, tests).
	TLS     *tls.Config
	Timeout time.Duration
}

// mailMessage is one e-mail to build and send.
type mailMessage struct {
	To            []string
	Subject, Body string
	Files         []string
	// ID is the Message-ID without angle brackets.
	ID   string
	Date time.Time
}

// messageID is stable per month, recipient, channel and file set, so a
// copy sent again (a retry after an unclear failure, a resend) carries the
// same Message-ID and mail systems can recognise it.
func messageID(month time.Time, recipient, channel, files string, opt DeliverOptions) string {
	h := sha256.Sum256([]byte(strings.Join([]string{month.Format("2006-01"), recipient, channel, files}, "\x00")))
	domain := "proximite.invalid"
	if opt.SMTP != nil {
		if a, err := mail.ParseAddress(opt.SMTP.From); err == nil {
			if _, d, ok := strings.Cut(a.Address, "@"); ok {
				domain = d
			}
		}
	}
	return "proximite." + month.Format("2006-01") + "." + hex.EncodeToString(h[:12]) + "@" + domain
}

// sendReports mails a recipient the month's PDFs attached.
func sendReports(ctx context.Context, opt SMTPOptions, r Recipient, month time.Time, files []string, id string, dopt DeliverOptions) error {
	subject, body := reportMail(dopt.Lang, month, r.Territories)
	return sendMail(ctx, opt, mailMessage{To: r.Email, Subject: subject, Body: body, Files: files, ID: id, Date: dopt.Now()})
}

// sendMail sends one message to each of its recipients over STARTTLS with
// AUTH PLAIN. Once the server accepted the message (250 after DATA) it is
// sent, even if the goodbye (QUIT) then fails.
func sendMail(ctx context.Context, opt SMTPOptions, m mailMessage) error {
	msg, err := buildMessage(opt.From, m)
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
	if err := converse(c, opt, m.To, msg); err != nil {
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
	if err := c.Mail(envelope(opt.From)); err != nil {
		return err
	}
	for _, rcpt := range to {
		if err := c.Rcpt(envelope(rcpt)); err != nil {
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
	// The server took responsibility for the message with its 250: a lost
	// QUIT reply must not make us send it again.
	c.Quit()
	return nil
}

// envelope is the bare address of "Name <addr>" (or addr itself).
func envelope(addr string) string {
	if a, err := mail.ParseAddress(addr); err == nil {
		return a.Address
	}
	return addr
}

// header formats an address list, RFC 2047-encoding non-ASCII display names.
func header(addrs []string) string {
	out := make([]string, len(addrs))
	for i, s := range addrs {
		if a, err := mail.ParseAddress(s); err == nil {
			out[i] = a.String()
		} else {
			out[i] = s
		}
	}
	return strings.Join(out, ", ")
}

// buildMessage writes a MIME message: the text quoted-printable, the files
// attached as base64 PDFs, non-ASCII headers as RFC 2047 encoded-words.
func buildMessage(from string, m mailMessage) ([]byte, error) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fmt.Fprintf(&b, "From: %s\r\nTo: %s\r\nSubject: %s\r\n", header([]string{from}), header(m.To), mime.QEncoding.Encode("utf-8", m.Subject))
	fmt.Fprintf(&b, "Date: %s\r\nMessage-ID: <%s>\r\nMIME-Version: 1.0\r\n", m.Date.Format(time.RFC1123Z), m.ID)
	fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=%s\r\n\r\n", mw.Boundary())
	pw, err := mw.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/plain; charset=utf-8"},
		"Content-Transfer-Encoding": {"quoted-printable"}})
	if err != nil {
		return nil, err
	}
	qp := quotedprintable.NewWriter(pw)
	qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	if err := qp.Close(); err != nil {
		return nil, err
	}
	for _, f := range m.Files {
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
