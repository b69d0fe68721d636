package dev.gocachectl.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature every delivery carries when a secret is configured: {@code X-Gocachectl-Signature:
 * sha256=HEX}, HEX the lower-case HMAC-SHA256 of the exact body bytes under the secret (its UTF-8
 * bytes). A receiver recomputes it over the body it read and compares in constant time.
 */
public final class Signature {
  public static final String HEADER = "X-Gocachectl-Signature";

  private final SecretKeySpec key;

  public Signature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** {@code sha256=HEX} of {@code body}. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
