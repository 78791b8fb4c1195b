package io.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A certificate authority made for one test, issuing server certificates for 127.0.0.1 and localhost. */
public final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    /** A certificate and its key as PEM files. */
    public record Issued(Path certificate, Path key, BigInteger serial) {}

    private TestCa(String commonName) {
        this.name = new X500Name("CN=" + commonName);
        this.keys = newKeys();
        try {
            X509v3CertificateBuilder builder =
                    builder(name, name, keys, Instant.now().minus(Duration.ofDays(1)), Duration.ofDays(30));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            this.certificate = sign(builder, keys);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestCa create(String commonName) {
        return new TestCa(commonName);
    }

    /** Writes this CA's certificate as PEM to {@code file}, for a client to trust. */
    public Path writeCertificate(Path file) {
        writePem(file, certificate);
        return file;
    }

    /** A server certificate for 127.0.0.1 and localhost valid from {@code notBefore} for {@code validity}. */
    public Issued issue(Path directory, String prefix, Instant notBefore, Duration validity) {
        KeyPair server = newKeys();
        try {
            X509v3CertificateBuilder builder = builder(name, new X500Name("CN=127.0.0.1"), server, notBefore, validity);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")
            }));
            X509Certificate issued = sign(builder, keys);
            Path cert = directory.resolve(prefix + ".crt.pem");
            Path key = directory.resolve(prefix + ".key.pem");
            writePem(cert, issued);
            writePem(key, new JcaPKCS8Generator(server.getPrivate(), null));
            return new Issued(cert, key, issued.getSerialNumber());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server certificate valid now, for a month. */
    public Issued issue(Path directory, String prefix) {
        return issue(directory, prefix, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30));
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair subjectKeys, Instant notBefore, Duration validity) {
        return new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(notBefore),
                Date.from(notBefore.plus(validity)),
                subject,
                subjectKeys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePem(Path file, Object object) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
