// Command gocachectl-bridge connects a go command's GOCACHEPROG pipes to a running gocachectl
// daemon over a Unix socket, so that a go command pays about a millisecond, not a JVM start, for
// its cache program. The gocachectl launcher builds it with the local go and runs it:
//
//	gocachectl-bridge -socket SOCK -daemon 'CMD...' -- FALLBACK... -- PROG-ARGS...
//
// If the daemon answers on SOCK, the bridge sends one hello line and then copies bytes both ways
// until the daemon closes the connection. The hello line is
//
//	GOCACHECTL-BRIDGE 2 <ppid> <args> <env>\n
//
// where ppid is the go command's pid (the daemon reads its command line for the build report),
// args the arguments given to `gocachectl prog` and env the variables of this go command that
// the program reads (credentials of the remote stores, TMPDIR, the cache home), each list
// comma-separated standard base64 of each item, or "-" when empty. Then the daemon speaks
// GOCACHEPROG, starting with its handshake, exactly as the in-process program does; or, if it
// refuses the arguments, it sends one line "GOCACHECTL-DAEMON-ERROR <message>\n", which the
// bridge prints before it exits with status 2, as the in-process program would.
//
// If nothing answers, the bridge starts the daemon in the background (its own session, output to
// SOCK.log) and replaces itself with FALLBACK PROG-ARGS: this go command runs the in-process
// program, the next one finds the daemon.
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
	"strings"
	"syscall"
)

func main() {
	sock, daemon, fallback, progArgs, err := parseArgs(os.Args[1:])
	if err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: %v\n", err)
		os.Exit(2)
	}
	conn, err := net.Dial("unix", sock)
	if err != nil {
		startDaemon(sock, daemon)
		execFallback(fallback, progArgs)
		return
	}
	os.Exit(relay(conn.(*net.UnixConn), progArgs))
}

// parseArgs splits -socket S -daemon D -- FALLBACK... -- PROG-ARGS...
func parseArgs(args []string) (sock, daemon string, fallback, progArgs []string, err error) {
	for len(args) > 0 && args[0] != "--" {
		if len(args) < 2 {
			return "", "", nil, nil, fmt.Errorf("flag %s needs a value", args[0])
		}
		switch args[0] {
		case "-socket":
			sock = args[1]
		case "-daemon":
			daemon = args[1]
		default:
			return "", "", nil, nil, fmt.Errorf("unknown flag %s", args[0])
		}
		args = args[2:]
	}
	if sock == "" || len(args) == 0 {
		return "", "", nil, nil, fmt.Errorf("usage: gocachectl-bridge -socket SOCK [-daemon CMD] -- FALLBACK... -- PROG-ARGS...")
	}
	args = args[1:]
	for i, a := range args {
		if a == "--" {
			return sock, daemon, args[:i], args[i+1:], nil
		}
	}
	return sock, daemon, args, nil, nil
}

// errorPrefix starts the daemon's answer when it refuses the arguments.
const errorPrefix = "GOCACHECTL-DAEMON-ERROR "

func relay(conn *net.UnixConn, progArgs []string) int {
	hello := fmt.Sprintf("GOCACHECTL-BRIDGE 2 %d %s %s\n", os.Getppid(), list(progArgs), list(progEnv()))
	if _, err := io.WriteString(conn, hello); err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: writing to the daemon: %v\n", err)
		return 2
	}
	go func() {
		io.Copy(conn, os.Stdin) // go closes our stdin after close, or exits
		conn.CloseWrite()
	}()
	r := bufio.NewReader(conn)
	if first, err := r.Peek(1); err == nil && first[0] == errorPrefix[0] {
		line, _ := r.ReadString('\n')
		fmt.Fprintf(os.Stderr, "gocachectl prog: %s\n", strings.TrimSuffix(strings.TrimPrefix(line, errorPrefix), "\n"))
		return 2
	}
	if _, err := io.Copy(os.Stdout, r); err != nil {
		fmt.Fprintf(os.Stderr, "gocachectl-bridge: reading from the daemon: %v\n", err)
		return 2
	}
	return 0
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

func startDaemon(sock, daemon string) {
	if daemon == "" {
		return
	}
	if err := os.MkdirAll(filepath.Dir(sock), 0o700); err != nil {
		return
	}
	log, err := os.OpenFile(sock+".log", os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return
	}
	defer log.Close()
	cmd := exec.Command("/bin/sh", "-c", daemon)
	cmd.Stdout = log
	cmd.Stderr = log
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if cmd.Start() == nil {
		cmd.Process.Release()
	}
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
