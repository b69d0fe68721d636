// Command gocachectl-bridge connects a go command's GOCACHEPROG pipes to a running gocachectl
// daemon over a Unix socket, so that a go command pays about a millisecond, not a JVM start, for
// its cache program, and, when the daemon can open its pipes itself, nothing per request. The
// gocachectl launcher builds it with the local go and runs it:
//
//	gocachectl-bridge (-socket SOCK | -socket-name NAME) [-daemon ARG]... -- FALLBACK... -- PROG-ARGS...
//
// -socket-name puts the socket in this user's runtime directory, computed here, at run time:
// $XDG_RUNTIME_DIR when it is set to an absolute path, else /tmp/gocachectl-<uid> (made with mode
// 0700 when missing). The -daemon arguments are the daemon's command line, run as it is (no shell),
// with "--socket SOCK" appended.
//
// Nothing is sent before two checks (private.go): the socket's directory is a directory, not a
// symbolic link, owned by this user and of mode 0700, so that no other user can have put a socket
// or a log in it; and the process listening on the socket runs as this user (SO_PEERCRED). Another
// user who made the directory, or listens there, would otherwise receive the go command's
// credentials and could answer gets with files of its own. When either check fails, the bridge
// says why on stderr, once, and runs the program in-process; it starts no daemon there.
//
// If the daemon answers on SOCK, the bridge sends one hello line,
//
//	GOCACHECTL-BRIDGE 4 <ppid> <cwd> <umask> <args> <env> <pipes>\n
//
// where ppid is the go command's pid (the daemon reads its command line for the build report), cwd
// the working directory, which the go command shares with this bridge (relative paths in the
// arguments are resolved against it, not the daemon's), umask this process's umask in octal, or
// "-" if unknown (what the daemon creates for this go command gets the modes the go command's own
// files would), args the arguments given to `gocachectl prog`, env the variables of this go
// command that the program reads (credentials of the remote stores, TMPDIR, the cache home), and
// pipes this bridge's pid and the targets of its /proc/self/fd/0 and /proc/self/fd/1 links
// ("pipe:[N]") when both are pipes, as go makes them; cwd and each list comma-separated standard
// base64 of each item, or "-" when empty. The daemon answers with one of:
//
//   - "GOCACHECTL-DAEMON-DIRECT\n": it has opened this bridge's two pipes through /proc and speaks
//     GOCACHEPROG on them itself, so no byte of the protocol passes through the bridge. The bridge
//     leaves its stdin alone and reads control lines: "GOCACHECTL-DAEMON-STDERR <base64>\n" (a
//     message for the go command's stderr) and, at the end of the session,
//     "GOCACHECTL-DAEMON-EXIT <status>\n", its exit status.
//   - "GOCACHECTL-DAEMON-ERROR <message>\n": it refuses the arguments; the bridge prints the
//     message and exits with status 2, as the in-process program would.
//   - anything else is GOCACHEPROG, starting with the handshake: the relay mode, when the daemon
//     could not open the pipes (they are not pipes, or /proc is closed to it). The bridge copies
//     bytes both ways until the daemon closes the connection.
//
// If nothing answers, or the daemon hangs up before its first byte (it was exiting when idle, or
// was killed), the bridge starts the daemon in the background (its own session, output to
// SOCK.log, opened without following a symbolic link) and replaces itself with FALLBACK PROG-ARGS:
// this go command runs the in-process program, the next one finds the daemon.
package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

func main() {
	umask := readUmask() // first: it sets the umask for a moment
	a, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: %v\n", err)
		os.Exit(2)
	}
	if err := privateDir(filepath.Dir(a.sock)); err != nil {
		inProcess(a, err)
	}
	if conn, err := net.Dial("unix", a.sock); err == nil {
		uconn := conn.(*net.UnixConn)
		if err := peerIsMe(uconn, a.sock); err != nil {
			conn.Close()
			inProcess(a, err)
		}
		status, answered := relay(uconn, a.progArgs, umask)
		if answered {
			os.Exit(status)
		}
		// A daemon that hung up before its first byte (exiting when idle, killed, crashed) has
		// touched neither go's pipes nor this bridge's: as if nothing had answered.
		conn.Close()
	}
	if err := startDaemon(a.sock, a.daemon); err != nil {
		inProcess(a, err)
	}
	execFallback(a.fallback, a.progArgs)
}

// inProcess says once why the daemon is not used and runs the program in this process.
func inProcess(a args, why error) {
	fmt.Fprintf(os.Stderr, "gocachectl prog: not using the daemon, running in-process: %v\n", why)
	execFallback(a.fallback, a.progArgs)
}

// args are the bridge's command line.
type args struct {
	sock     string   // the socket's path
	daemon   []string // the daemon's command line, without --socket SOCK; nil: start none
	fallback []string // the in-process program
	progArgs []string // the arguments of `gocachectl prog`
}

// parseArgs splits (-socket S | -socket-name N) [-daemon ARG]... -- FALLBACK... -- PROG-ARGS...
func parseArgs(argv []string) (a args, err error) {
	usage := fmt.Errorf("usage: gocachectl-bridge (-socket SOCK | -socket-name NAME) [-daemon ARG]... -- FALLBACK... -- PROG-ARGS...")
	for len(argv) > 0 && argv[0] != "--" {
		if len(argv) < 2 {
			return a, fmt.Errorf("flag %s needs a value", argv[0])
		}
		switch argv[0] {
		case "-socket":
			a.sock = argv[1]
		case "-socket-name":
			if strings.Contains(argv[1], "/") {
				return a, fmt.Errorf("-socket-name %q: a file name, without '/', was expected", argv[1])
			}
			a.sock = filepath.Join(runtimeDir(), argv[1])
		case "-daemon":
			a.daemon = append(a.daemon, argv[1])
		default:
			return a, fmt.Errorf("unknown flag %s", argv[0])
		}
		argv = argv[2:]
	}
	if a.sock == "" || len(argv) == 0 {
		return a, usage
	}
	argv = argv[1:]
	for i, s := range argv {
		if s == "--" {
			a.fallback, a.progArgs = argv[:i], argv[i+1:]
			return a, nil
		}
	}
	a.fallback = argv
	return a, nil
}

// The daemon's control lines (see the package comment).
const (
	errorPrefix  = "GOCACHECTL-DAEMON-ERROR "
	directLine   = "GOCACHECTL-DAEMON-DIRECT\n"
	stderrPrefix = "GOCACHECTL-DAEMON-STDERR "
	exitPrefix   = "GOCACHECTL-DAEMON-EXIT "
)

// relay serves the go command through the daemon and returns its exit status; answered is false
// when the daemon hung up before its first byte, so that nothing has been read from or written to
// go yet and the caller can run the program itself.
func relay(conn *net.UnixConn, progArgs []string, umask string) (status int, answered bool) {
	var cwd []string
	if wd, err := os.Getwd(); err == nil {
		cwd = []string{wd}
	}
	hello := fmt.Sprintf("GOCACHECTL-BRIDGE 4 %d %s %s %s %s %s\n",
		os.Getppid(), list(cwd), umask, list(progArgs), list(progEnv()), list(pipes()))
	if _, err := io.WriteString(conn, hello); err != nil {
		return 0, false
	}
	r := bufio.NewReader(conn)
	// Nothing is read from stdin before the daemon has said whether it reads it itself, and the
	// daemon reads or writes go's pipes only after its first line.
	first, err := r.Peek(1)
	if err != nil {
		return 0, false
	}
	return serve(conn, r, first[0]), true
}

// serve follows the daemon's first line (see the package comment): direct, refused, or the relay.
func serve(conn *net.UnixConn, r *bufio.Reader, first byte) int {
	if first == 'G' {
		line, _ := r.ReadString('\n')
		switch {
		case line == directLine:
			return direct(r)
		case strings.HasPrefix(line, errorPrefix):
			fmt.Fprintf(os.Stderr, "gocachectl prog: %s\n", strings.TrimSuffix(strings.TrimPrefix(line, errorPrefix), "\n"))
		default:
			fmt.Fprintf(os.Stderr, "gocachectl-bridge: unexpected answer from the daemon %q; rebuild with ./gocachectl --version\n", line)
		}
		return 2
	}
	go func() {
		io.Copy(conn, os.Stdin) // go closes our stdin after close, or exits
		conn.CloseWrite()
	}()
	if _, err := io.Copy(os.Stdout, r); err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: reading from the daemon: %v\n", err)
		return 2
	}
	return 0
}

// direct waits while the daemon serves the go command on this bridge's own pipes, printing its
// messages, and returns the exit status it sends at the end.
func direct(r *bufio.Reader) int {
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			fmt.Fprintf(os.Stderr, "gocachectl-bridge: the daemon ended the session without an exit status (its log is next to the socket): %v\n", err)
			return 2
		}
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, stderrPrefix):
			msg, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(line, stderrPrefix))
			if err == nil {
				os.Stderr.Write(msg)
			}
		case strings.HasPrefix(line, exitPrefix):
			status, err := strconv.Atoi(strings.TrimPrefix(line, exitPrefix))
			if err != nil {
				return 2
			}
			return status
		}
	}
}

// pipes is this process's pid and the /proc link targets of its stdin and stdout, or nil unless
// both are pipes: what the daemon needs to open them itself.
func pipes() []string {
	out := []string{strconv.Itoa(os.Getpid())}
	for fd, f := range []*os.File{os.Stdin, os.Stdout} {
		fi, err := f.Stat()
		if err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
			return nil
		}
		link, err := os.Readlink(fmt.Sprintf("/proc/self/fd/%d", fd))
		if err != nil || !strings.HasPrefix(link, "pipe:") {
			return nil
		}
		out = append(out, link)
	}
	return out
}

// list encodes items for the hello line: comma-separated base64, or "-" for none.
func list(items []string) string {
	if len(items) == 0 {
		return "-"
	}
	enc := make([]string, len(items))
	for i, a := range items {
		enc[i] = base64.StdEncoding.EncodeToString([]byte(a))
	}
	return strings.Join(enc, ",")
}

// progEnv is the part of the environment the program reads: the remote stores' credentials and
// settings (AWS_*, GOCACHECTL_*), TMPDIR, and where the default directory is (HOME,
// XDG_CACHE_HOME), plus HOSTNAME, the default producer name.
func progEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case strings.HasPrefix(name, "AWS_"), strings.HasPrefix(name, "GOCACHECTL_"),
			name == "TMPDIR", name == "HOME", name == "XDG_CACHE_HOME", name == "HOSTNAME":
			env = append(env, kv)
		}
	}
	return env
}

// startDaemon starts the daemon in its own session, its output appended to SOCK.log. The log is
// opened with O_NOFOLLOW: a symbolic link there is refused, never followed.
func startDaemon(sock string, daemon []string) error {
	if len(daemon) == 0 {
		return nil
	}
	logName := sock + ".log"
	fd, err := syscall.Open(logName,
		syscall.O_CREAT|syscall.O_WRONLY|syscall.O_APPEND|syscall.O_NOFOLLOW|syscall.O_CLOEXEC, 0o600)
	if err == syscall.ELOOP {
		return fmt.Errorf("the daemon's log %s is a symbolic link; remove it", logName)
	}
	if err != nil {
		return fmt.Errorf("cannot open the daemon's log %s: %v", logName, err)
	}
	log := os.NewFile(uintptr(fd), logName)
	defer log.Close()
	argv := append(append([]string{}, daemon...), "--socket", sock)
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout = log
	cmd.Stderr = log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("cannot start the daemon %q: %v", argv[0], err)
	}
	cmd.Process.Release()
	return nil
}

func execFallback(fallback, progArgs []string) {
	if len(fallback) == 0 {
		fmt.Fprintln(os.Stderr, "gocachectl-bridge: no daemon and no fallback command")
		os.Exit(2)
	}
	path, err := exec.LookPath(fallback[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: %v\n", err)
		os.Exit(2)
	}
	argv := append(append([]string{}, fallback...), progArgs...)
	err = syscall.Exec(path, argv, os.Environ())
	fmt.Fprintf(os.Stderr, "gocachectl-bridge: exec %s: %v\n", path, err)
	os.Exit(2)
}
