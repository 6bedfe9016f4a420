package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigRefusesUnsafeCentreAndRecipients(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{"centre: {id: \"x/../..\", name: X}", "centre.id"},
		{"publish: {rekey: [\"../evil\"]}", "publish.rekey"},
		{"publish: {rekey: [uni-a], coarse: [uni-b]}", "publish.coarse"},
	}
	for _, c := range cases {
		p := filepath.Join(t.TempDir(), "config.yaml")
		os.WriteFile(p, []byte("version: 1\n"+c.yaml+"\n"), 0o644)
		if _, err := loadConfig(p, false); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want one naming %s", c.yaml, err, c.want)
		}
	}
	p := filepath.Join(t.TempDir(), "config.yaml")
	os.WriteFile(p, []byte("version: 1\ncentre: {id: est, name: Est}\npublish: {rekey: [uni-a, uni_b], coarse: [uni_b]}\n"), 0o644)
	if _, err := loadConfig(p, false); err != nil {
		t.Errorf("valid centre and recipients: %v", err)
	}
}
