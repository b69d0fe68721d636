package dev.gocachectl.mod.sumdb;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Test-only: signs notes with a signer key {@code PRIVATE+KEY+<name>+<hash>+<base64(0x01 || seed)>}
 * (Go's {@code note.NewSigner}), the JDK's Ed25519 from the 32-byte seed. Ed25519 is deterministic,
 * so signatures are byte-for-byte Go's.
 */
public final class NoteSigner {
  /** x/mod sumdb's test signer key (its verifier is {@link #TEST_VERIFIER}). */
  public static final String TEST_SIGNER =
      "PRIVATE+KEY+localhost.localdev/sumdb+00000c67+AXu6+oaVaOYuQOFrf1V59JK1owcFlJcHwwXHDfDGxSPk";

  public static final String TEST_VERIFIER =
      "localhost.localdev/sumdb+00000c67+AcTrnkbUA+TU4heY3hkjiSES/DSQniBqIeQ/YppAUtK6";

  private final String name;
  private final int keyHash;
  private final PrivateKey key;

  private NoteSigner(String name, int keyHash, PrivateKey key) {
    this.name = name;
    this.keyHash = keyHash;
    this.key = key;
  }

  /** Parses a signer key. */
  public static NoteSigner parse(String skey) {
    String[] f = skey.split("\\+", 5);
    if (f.length != 5 || !f[0].equals("PRIVATE") || !f[1].equals("KEY")) {
      throw new IllegalArgumentException("malformed signer key");
    }
    byte[] data = Base64.getDecoder().decode(f[4]);
    if (data.length != 33 || data[0] != 1) {
      throw new IllegalArgumentException("malformed signer key");
    }
    try {
      PrivateKey k =
          KeyFactory.getInstance("Ed25519")
              .generatePrivate(
                  new EdECPrivateKeySpec(
                      NamedParameterSpec.ED25519, Arrays.copyOfRange(data, 1, 33)));
      return new NoteSigner(f[2], Integer.parseUnsignedInt(f[3], 16), k);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The raw signature of {@code msg}. */
  public byte[] sign(byte[] msg) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(msg);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The signature line: {@code — name base64(keyhash || sig)\n}. */
  public String signatureLine(String text) {
    byte[] sig = sign(text.getBytes(StandardCharsets.UTF_8));
    byte[] all = ByteBuffer.allocate(4 + sig.length).putInt(keyHash).put(sig).array();
    return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(all) + "\n";
  }

  /** A signed note: text, blank line, signature line. */
  public byte[] signNote(String text) {
    return (text + "\n" + signatureLine(text)).getBytes(StandardCharsets.UTF_8);
  }

  public String name() {
    return name;
  }
}
