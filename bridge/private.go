package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// runtimeDir is where this user's sockets go: $XDG_RUNTIME_DIR when it is an absolute path (the
// XDG Base Directory spec makes it private to the user), else /tmp/gocachectl-<uid>, for cron,
// containers and CI, where it is unset. Computed at run time, for the user running the go command.
func runtimeDir() string {
	if d := os.Getenv("XDG_RUNTIME_DIR"); d != "" && filepath.IsAbs(d) {
		return filepath.Clean(d)
	}
	return filepath.Join("/tmp", "gocachectl-"+strconv.Itoa(os.Getuid()))
}

// privateDir makes dir with mode 0700 if it is missing, and checks that it is a directory, not a
// symbolic link, owned by this user, with mode 0700: then no other user can have put a socket, a
// log or a link in it.
func privateDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err == nil {
		if err := os.Chmod(dir, 0o700); err != nil { // the umask may have taken bits away
			return err
		}
	} else if !errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("cannot make the socket directory %s: %v", dir, err)
	}
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("socket directory %s: %v", dir, err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		return fmt.Errorf("the socket directory %s is a symbolic link, which another user may have "+
			"planted; remove it, or set XDG_RUNTIME_DIR to a directory of your own with mode 0700", dir)
	case !fi.IsDir() || !ok:
		return fmt.Errorf("the socket directory %s is not a directory; remove it", dir)
	case int(st.Uid) != os.Getuid():
		return fmt.Errorf("the socket directory %s belongs to uid %d, not to you (uid %d): another "+
			"user may have made it to stand in for the daemon; remove it, or set XDG_RUNTIME_DIR to a "+
			"directory of your own with mode 0700", dir, st.Uid, os.Getuid())
	case fi.Mode().Perm() != 0o700:
		return fmt.Errorf("the socket directory %s has mode %04o, not 0700, so others may put a "+
			"socket in it; run chmod 700 %s", dir, fi.Mode().Perm(), dir)
	}
	return nil
}

// peerIsMe checks that the process listening on the socket runs as this user (SO_PEERCRED: the
// credentials the kernel recorded when it called listen).
func peerIsMe(conn *net.UnixConn, sock string) error {
	raw, err := conn.SyscallConn()
	if err != nil {
		return err
	}
	var cred *syscall.Ucred
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		cred, credErr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	}); err != nil {
		return err
	}
	if credErr != nil {
		return fmt.Errorf("cannot learn who listens on %s (SO_PEERCRED): %v; nothing was sent to it",
			sock, credErr)
	}
	if int(cred.Uid) != os.Getuid() {
		return fmt.Errorf("the process listening on %s (pid %d) runs as uid %d, not as you (uid %d); "+
			"nothing was sent to it; remove %s", sock, cred.Pid, cred.Uid, os.Getuid(), sock)
	}
	return nil
}

// readUmask is this process's umask in octal, from /proc/self/status (Linux 4.7 and later), else
// by setting it and putting it back, before any other goroutine can create a file.
func readUmask() string {
	if f, err := os.Open("/proc/self/status"); err == nil {
		defer f.Close()
		s := bufio.NewScanner(f)
		for s.Scan() {
			if v, ok := strings.CutPrefix(s.Text(), "Umask:"); ok {
				v = strings.TrimSpace(v)
				if _, err := strconv.ParseUint(v, 8, 32); err == nil {
					return v
				}
			}
		}
	}
	m := syscall.Umask(0o077)
	syscall.Umask(m)
	return fmt.Sprintf("%04o", m)
}
