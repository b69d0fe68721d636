package dev.gocachectl.mod.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

/**
 * A signed note (Go's {@code note.Open}), the envelope of every tree head a checksum database
 * signs:
 *
 * <pre>
 * text, ending in a newline
 * (blank line)
 * — name base64(keyhash(4 bytes, big-endian) || signature)    one or more lines
 * </pre>
 *
 * The message is valid UTF-8 without control characters other than newline; the text ends at the
 * last blank line; each signature line starts with U+2014 and a space; at most 100 signatures.
 * Signatures by unknown keys are ignored; a known key's invalid signature is an error; a note
 * without a valid signature by the known key is unverified. The signed bytes are the text,
 * including its final newline.
 *
 * @param text the signed text
 * @param raw the whole message
 */
public record SignedNote(String text, byte[] raw) {
  /** Why a note does not open. */
  public enum Failure {
    /** The envelope is malformed. */
    MALFORMED,
    /** No signature by the expected key (Go's {@code UnverifiedNoteError}). */
    UNVERIFIED,
    /** The expected key's signature is wrong (Go's {@code InvalidSignatureError}). */
    INVALID_SIGNATURE
  }

  /** A note that does not open. */
  public static final class NoteException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Failure failure;

    NoteException(Failure failure, String message) {
      super(message);
      this.failure = failure;
    }

    /** Why. */
    public Failure failure() {
      return failure;
    }
  }

  private static final byte[] SIG_PREFIX = "\u2014 ".getBytes(StandardCharsets.UTF_8);

  /** Opens {@code msg} with one verifier. */
  public static SignedNote open(byte[] msg, NoteVerifier v) throws NoteException {
    String s = new String(msg, StandardCharsets.UTF_8);
    if (!Arrays.equals(s.getBytes(StandardCharsets.UTF_8), msg)
        || s.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
      throw malformed();
    }
    int split = lastBlankLine(msg);
    if (split < 0) {
      throw malformed();
    }
    byte[] text = Arrays.copyOf(msg, split + 1);
    byte[] sigs = Arrays.copyOfRange(msg, split + 2, msg.length);
    if (sigs.length == 0 || sigs[sigs.length - 1] != '\n') {
      throw malformed();
    }
    boolean verified = false;
    Set<String> seen = new HashSet<>();
    int count = 0;
    for (String line : new String(sigs, StandardCharsets.UTF_8).split("\n")) {
      byte[] lb = line.getBytes(StandardCharsets.UTF_8);
      if (!startsWith(lb, SIG_PREFIX)) {
        throw malformed();
      }
      String rest = line.substring(2);
      int sp = rest.indexOf(' ');
      String name = sp < 0 ? rest : rest.substring(0, sp);
      String b64 = sp < 0 ? "" : rest.substring(sp + 1);
      byte[] sig = decode(b64);
      if (sig == null || !NoteVerifier.isValidName(name) || b64.isEmpty() || sig.length < 5) {
        throw malformed();
      }
      if (++count > 100) {
        throw malformed();
      }
      int hash = ByteBuffer.wrap(sig, 0, 4).getInt();
      if (!name.equals(v.name()) || hash != v.keyHash() || !seen.add(name)) {
        continue;
      }
      if (!v.verify(text, Arrays.copyOfRange(sig, 4, sig.length))) {
        throw new NoteException(Failure.INVALID_SIGNATURE, "invalid signature for key " + v.id());
      }
      verified = true;
    }
    if (!verified) {
      throw new NoteException(Failure.UNVERIFIED, "note has no verifiable signatures");
    }
    return new SignedNote(new String(text, StandardCharsets.UTF_8), msg.clone());
  }

  private static NoteException malformed() {
    return new NoteException(Failure.MALFORMED, "malformed note");
  }

  private static int lastBlankLine(byte[] msg) {
    for (int i = msg.length - 2; i >= 0; i--) {
      if (msg[i] == '\n' && msg[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }

  private static byte[] decode(String b64) {
    try {
      byte[] d = Base64.getDecoder().decode(b64);
      return Base64.getEncoder().encodeToString(d).equals(b64) ? d : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
