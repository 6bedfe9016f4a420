package pipeline

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"net/textproto"
	"strings"
	"sync"
	"testing"
	"time"
)

// smtpMessage is one message the test server received.
type smtpMessage struct {
	From, Auth string
	To         []string
	Data       string
	TLS        bool
}

// smtpServer is a minimal SMTP server on 127.0.0.1: EHLO, STARTTLS with a
// self-signed certificate, AUTH PLAIN, MAIL, RCPT, DATA, QUIT.
type smtpServer struct {
	ln       net.Listener
	tls      *tls.Config
	mu       sync.Mutex
	messages []smtpMessage
	failNext int // refuse the next N messages at DATA
	// dropAfterData drops the connection right after the 250 that accepts
	// the next N messages (the QUIT reply is lost).
	dropAfterData int
	// refuse is an address refused at RCPT (a mailbox that does not exist).
	refuse string
}

// startSMTP starts the server; its certificate pool is returned for the client.
func startSMTP(t testing.TB) (*smtpServer, *x509.CertPool) {
	t.Helper()
	cert, pool := selfSigned(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpServer{ln: ln, tls: &tls.Config{Certificates: []tls.Certificate{cert}}}
	t.Cleanup(func() { ln.Close() })
	go s.serve()
	return s, pool
}

func (s *smtpServer) port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// set changes the server's behaviour under its lock.
func (s *smtpServer) set(fn func(s *smtpServer)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fn(s)
}

func (s *smtpServer) received() []smtpMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]smtpMessage(nil), s.messages...)
}

func (s *smtpServer) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.session(c)
	}
}

func (s *smtpServer) session(c net.Conn) {
	defer func() { c.Close() }()
	tp := textproto.NewConn(c)
	tp.PrintfLine("220 127.0.0.1 test ESMTP")
	var m smtpMessage
	for {
		line, err := tp.ReadLine()
		if err != nil {
			return
		}
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		arg := strings.TrimSpace(strings.TrimPrefix(line, strings.SplitN(line, " ", 2)[0]))
		switch verb {
		case "EHLO":
			if m.TLS {
				tp.PrintfLine("250-127.0.0.1\r\n250 AUTH PLAIN")
			} else {
				tp.PrintfLine("250-127.0.0.1\r\n250 STARTTLS")
			}
		case "STARTTLS":
			tp.PrintfLine("220 go ahead")
			tc := tls.Server(c, s.tls)
			if tc.Handshake() != nil {
				return
			}
			c, tp, m.TLS = tc, textproto.NewConn(tc), true
		case "AUTH":
			b, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(arg, "PLAIN "))
			m.Auth = string(b)
			tp.PrintfLine("235 ok")
		case "MAIL":
			m.From = arg
			tp.PrintfLine("250 ok")
		case "RCPT":
			to := strings.TrimSuffix(strings.TrimPrefix(arg, "TO:<"), ">")
			s.mu.Lock()
			refused := to == s.refuse
			s.mu.Unlock()
			if refused {
				tp.PrintfLine("550 no such mailbox")
				continue
			}
			m.To = append(m.To, to)
			tp.PrintfLine("250 ok")
		case "DATA":
			tp.PrintfLine("354 go")
			b, _ := tp.ReadDotBytes()
			m.Data = string(b)
			s.mu.Lock()
			fail, drop := s.failNext > 0, false
			if fail {
				s.failNext--
			} else {
				s.messages = append(s.messages, m)
				drop = s.dropAfterData > 0
				if drop {
					s.dropAfterData--
				}
			}
			s.mu.Unlock()
			if fail {
				tp.PrintfLine("451 try again later")
			} else {
				tp.PrintfLine("250 queued")
			}
			if drop {
				return
			}
			m = smtpMessage{TLS: m.TLS}
		case "QUIT":
			tp.PrintfLine("221 bye")
			return
		default:
			tp.PrintfLine("502 unknown")
		}
	}
}

// selfSigned makes a certificate for 127.0.0.1 and a pool trusting it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, DNSNames: []string{"127.0.0.1"},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	leaf, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, pool
}
