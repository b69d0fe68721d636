package dev.gocachectl.remote;

import dev.gocachectl.cache.ActionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over an action record's {@link ActionRecord#signedText}, with a key shared by the
 * writers ({@code --sign-key-file}) and the readers that insist on it ({@code --verify-key-file}).
 * A key file holds at least 16 bytes; surrounding whitespace is ignored, so {@code openssl rand
 * -hex 32 > key} makes one.
 */
public final class RecordSigner {
  private final SecretKeySpec key;

  private RecordSigner(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /** Reads a key file. */
  public static RecordSigner fromFile(Path file) throws IOException {
    byte[] raw =
        new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
            .strip()
            .getBytes(StandardCharsets.UTF_8);
    if (raw.length < 16) {
      throw new IOException(
          file
              + ": a signing key needs at least 16 bytes, found "
              + raw.length
              + " (make one with: openssl rand -hex 32 > "
              + file
              + ")");
    }
    return new RecordSigner(raw);
  }

  /** The signature of a record under an action ID. */
  public byte[] sign(ActionId id, ActionRecord r) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(r.signedText(id).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** Whether the record carries a valid signature for this action ID (constant-time compare). */
  public boolean verify(ActionId id, ActionRecord r) {
    return r.signature() != null && MessageDigest.isEqual(sign(id, r), r.signature());
  }
}
