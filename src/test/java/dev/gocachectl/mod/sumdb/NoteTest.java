package dev.gocachectl.mod.sumdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The note vectors of x/mod's note.go and note_test.go. */
class NoteTest {
  static final String TEXT =
      "If you think cryptography is the answer to your problem,\n"
          + "then you don't know what your problem is.\n";
  static final String PETER_SIG =
      "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";
  static final String ENOCH_SIG =
      "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";
  static final String PETER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
  static final String ENOCH = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop";

  static byte[] note(String... sigs) {
    return (TEXT + "\n" + String.join("", sigs)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void signsLikeGo() {
    NoteSigner s =
        NoteSigner.parse(
            "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    assertThat(s.signatureLine(TEXT)).isEqualTo(PETER_SIG);
  }

  @Test
  void opensWithEitherKey() throws Exception {
    assertThat(SignedNote.open(note(PETER_SIG, ENOCH_SIG), NoteVerifier.parse(PETER)).text())
        .isEqualTo(TEXT);
    assertThat(SignedNote.open(note(PETER_SIG, ENOCH_SIG), NoteVerifier.parse(ENOCH)).text())
        .isEqualTo(TEXT);
  }

  @Test
  void keyHashIsComputed() {
    NoteVerifier v = NoteVerifier.parse(PETER);
    assertThat(v.id()).isEqualTo("PeterNeumann+c74f20a3");
    assertThat(NoteVerifier.parse(SumdbConfig.KNOWN.get("sum.golang.org")).id())
        .isEqualTo("sum.golang.org+033de0ae");
    assertThat(NoteVerifier.parse(NoteSigner.TEST_VERIFIER).name())
        .isEqualTo("localhost.localdev/sumdb");
  }

  @Test
  void badKeys() {
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="))
        .hasMessage("malformed verifier id");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("unknown verifier algorithm");
    assertThatThrownBy(
            () ->
                NoteVerifier.parse(
                    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
        .hasMessage("invalid verifier hash");
  }

  @Test
  void refusesForgedAndUnsigned() {
    NoteVerifier v = NoteVerifier.parse(PETER);
    String forged = PETER_SIG.replace("ZInNIu", "ZInNIv");
    assertThatThrownBy(() -> SignedNote.open(note(forged), v))
        .isInstanceOfSatisfying(
            SignedNote.NoteException.class,
            e -> assertThat(e.failure()).isEqualTo(SignedNote.Failure.INVALID_SIGNATURE))
        .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
    assertThatThrownBy(() -> SignedNote.open(note(ENOCH_SIG), v))
        .hasMessage("note has no verifiable signatures");
    assertThatThrownBy(() -> SignedNote.open(TEXT.getBytes(StandardCharsets.UTF_8), v))
        .hasMessage("malformed note");
    byte[] tampered = note(PETER_SIG);
    tampered[3] ^= 1;
    assertThatThrownBy(() -> SignedNote.open(tampered, v))
        .hasMessage("invalid signature for key PeterNeumann+c74f20a3");
  }
}
