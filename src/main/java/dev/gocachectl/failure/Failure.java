package dev.gocachectl.failure;

import dev.gocachectl.units.Causes;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.zip.ZipException;

/**
 * What went wrong, in words a user can act on: the thing concerned (a file, a host) and the
 * problem. Made from any exception, so that no message is only a path or a class name: the JDK's
 * {@code FileSystemException}s carry the file and often no reason ({@code getMessage()} is then the
 * bare path), and a few exceptions carry no message at all ({@code EOFException}).
 *
 * @param subject the file or host concerned, or null when the exception names none
 * @param problem what went wrong, in words
 */
public record Failure(String subject, String problem) {
  /** The failure an exception (or the cause it wraps) describes. */
  public static Failure of(Throwable e) {
    Throwable t = unwrap(e);
    if (t instanceof FileSystemException fse) {
      String reason = fse.getReason();
      String problem = reason != null && !reason.isBlank() ? reason : words(fse);
      String subject = fse.getFile();
      if (fse.getOtherFile() != null) {
        subject = subject == null ? fse.getOtherFile() : subject + " -> " + fse.getOtherFile();
      }
      return new Failure(subject, problem);
    }
    if (t instanceof UnknownHostException u) {
      return new Failure(u.getMessage(), "unknown host (check the name, DNS and the network)");
    }
    String message = t.getMessage();
    boolean said = message != null && !message.isBlank();
    if (t instanceof IOException) {
      if (!said) {
        return new Failure(null, words(t));
      }
      // the JDK's "Connection refused" says it all; its "invalid stored block lengths" needs the
      // kind beside it; our own exceptions' messages are written to be read alone
      String kind = words(t);
      boolean jdk = t.getClass() != IOException.class && t.getClass().getName().startsWith("java.");
      return new Failure(
          null,
          !jdk || message.toLowerCase(Locale.ROOT).contains(kind)
              ? message
              : message + " (" + kind + ")");
    }
    if (t instanceof IllegalArgumentException && said) {
      return new Failure(null, message);
    }
    return new Failure(
        null,
        "internal error: "
            + words(t)
            + (said ? " (" + message + ")" : "")
            + "; this is a bug in gocachectl: please report it with the command line");
  }

  /** {@code subject: problem}, or the problem alone. */
  @Override
  public String toString() {
    return subject == null ? problem : subject + ": " + problem;
  }

  /** The first exception in the chain that is not only a wrapper of its cause. */
  private static Throwable unwrap(Throwable e) {
    for (Throwable t : Causes.chain(e)) {
      boolean wrapper =
          t instanceof UncheckedIOException
              || t instanceof ExecutionException
              || t instanceof CompletionException
              || t instanceof InvocationTargetException;
      if (!wrapper || t.getCause() == null) {
        return t;
      }
    }
    return e; // a cycle of wrappers
  }

  /** The kind of an exception in words: "not a directory", not "NotDirectoryException". */
  static String words(Throwable t) {
    return switch (t) {
      case NoSuchFileException n -> "no such file or directory";
      case AccessDeniedException a -> "permission denied (check the owner and mode)";
      case NotDirectoryException n -> "not a directory";
      case DirectoryNotEmptyException d -> "directory not empty";
      case FileAlreadyExistsException f -> "already exists";
      case NotLinkException n -> "not a symbolic link";
      case FileSystemLoopException l -> "a loop of symbolic links";
      case AtomicMoveNotSupportedException a ->
          "cannot be renamed in one step (another file system)";
      case EOFException eof -> "unexpected end of file (truncated)";
      case ZipException z -> "damaged or truncated compressed data";
      case CharacterCodingException c -> "not valid UTF-8";
      case ConnectException c -> "connection refused";
      case HttpTimeoutException h -> "timed out";
      case SocketTimeoutException s -> "timed out";
      default -> camelWords(t.getClass().getSimpleName());
    };
  }

  /** {@code FooBarException} as "foo bar error". */
  private static String camelWords(String name) {
    String base = name.endsWith("Exception") ? name.substring(0, name.length() - 9) : name;
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(base.charAt(i - 1))) {
        b.append(' ');
      }
      b.append(Character.toLowerCase(c));
    }
    return b.isEmpty() ? "error" : b + (name.endsWith("Error") ? "" : " error");
  }
}
