package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// The bridge's own checks; the whole path (the real go command, another user listening) is
// tested from the Java side, in ProgDaemonTrustTest.

func TestTheSocketGoesInTheRuntimeDirectoryOfWhoeverRunsTheBridge(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", "/run/user/7")
	a, err := parseArgs([]string{"-socket-name", "gocachectl-k.sock", "-daemon", "/a b/it's", "-daemon", "prog-daemon", "--", "java", "--", "--dir", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if a.sock != "/run/user/7/gocachectl-k.sock" {
		t.Errorf("socket %s", a.sock)
	}
	if strings.Join(a.daemon, "|") != "/a b/it's|prog-daemon" || strings.Join(a.fallback, "|") != "java" || strings.Join(a.progArgs, "|") != "--dir|x" {
		t.Errorf("parsed %+v", a)
	}
	for _, xdg := range []string{"", "relative/dir"} {
		t.Setenv("XDG_RUNTIME_DIR", xdg)
		a, err = parseArgs([]string{"-socket-name", "s.sock", "--", "java"})
		if want := "/tmp/gocachectl-" + strconv.Itoa(os.Getuid()) + "/s.sock"; err != nil || a.sock != want {
			t.Errorf("XDG_RUNTIME_DIR=%q: socket %s, %v; want %s", xdg, a.sock, err, want)
		}
	}
	if _, err := parseArgs([]string{"-socket-name", "../s.sock", "--", "java"}); err == nil {
		t.Error("a socket name with a '/' was accepted")
	}
}

func TestOnlyAPrivateDirectoryOfThisUserIsAccepted(t *testing.T) {
	tmp := t.TempDir()
	made := filepath.Join(tmp, "made")
	if err := privateDir(made); err != nil {
		t.Fatalf("a new directory: %v", err)
	}
	if fi, err := os.Lstat(made); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("made %v, %v", fi.Mode(), err)
	}
	if err := privateDir(made); err != nil {
		t.Fatalf("again: %v", err)
	}

	open := filepath.Join(tmp, "open")
	os.Mkdir(open, 0o700)
	os.Chmod(open, 0o770)
	link := filepath.Join(tmp, "link")
	os.Symlink(made, link)
	file := filepath.Join(tmp, "file")
	os.WriteFile(file, nil, 0o600)
	others := filepath.Join(tmp, "others")
	os.Mkdir(others, 0o700)
	if os.Getuid() == 0 {
		if err := os.Chown(others, 65534, 65534); err != nil {
			t.Fatal(err)
		}
	}
	cases := map[string]string{
		open:                                 "has mode 0770, not 0700",
		link:                                 "is a symbolic link",
		file:                                 "is not a directory",
		filepath.Join(tmp, "missing", "dir"): "cannot make the socket directory",
	}
	if os.Getuid() == 0 {
		cases[others] = "belongs to uid 65534, not to you (uid 0)"
	}
	for dir, want := range cases {
		err := privateDir(dir)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want %q", dir, err, want)
		}
	}
}

func TestTheUmaskIsReadInOctal(t *testing.T) {
	if got, err := strconv.ParseUint(readUmask(), 8, 32); err != nil || got > 0o777 {
		t.Fatalf("umask %q: %v", readUmask(), err)
	}
}
