package io.gamehall.gateway;

import io.gamehall.client.GameClient;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.gateway.support.Hall;
import io.gamehall.gateway.support.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway with a certificate and key speaks wss://; a client that trusts it logs in and plays.
 */
class GatewayTlsTest
{
    private Hall hall;
    private File dir;

    @BeforeEach
    void start() throws Exception
    {
        hall = new Hall();
        dir = Files.createTempDirectory("gamehall-tls-").toFile();
    }

    @AfterEach
    void stop()
    {
        hall.close();
        org.agrona.IoUtil.delete(dir, true);
    }

    @Test
    void aGatewayWithACertificateServesWssAndClientsPlayThroughIt() throws Exception
    {
        final File keystore = new File(dir, "gateway.p12");
        final String keytool = new File(System.getProperty("java.home"), "bin/keytool").getPath();
        final Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "gateway", "-keyalg", "RSA",
            "-keysize", "2048", "-dname", "CN=127.0.0.1", "-validity", "2", "-ext", "SAN=ip:127.0.0.1",
            "-keystore", keystore.getPath(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
            .redirectErrorStream(true).start();
        assertThat(process.waitFor()).isZero();
        final KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore))
        {
            store.load(in, "changeit".toCharArray());
        }
        final Certificate certificate = store.getCertificate("gateway");
        final Key key = store.getKey("gateway", "changeit".toCharArray());
        final File certificateFile = pem(new File(dir, "gateway.crt"), "CERTIFICATE", certificate.getEncoded());
        final File keyFile = pem(new File(dir, "gateway.key"), "PRIVATE KEY", key.getEncoded());

        final SessionGateway gateway = hall.gateway("gw-tls", ctx -> ctx.tlsCertificate(certificateFile).tlsKey(keyFile));
        assertThat(gateway.url()).startsWith("wss://");
        final GameClient client = GameClient.connect(new GameClient.Context().gateways(List.of(gateway.url()))
            .listener(new Recorder()).trustAll(true)).join();
        try
        {
            client.register("secure-sam", "sam-password").join();
            assertThat(client.create(ConnectFourProtocol.TYPE_ID, 2).join().instanceId()).isPositive();
        }
        finally
        {
            client.close();
        }
    }

    private static File pem(final File file, final String type, final byte[] der) throws Exception
    {
        final String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file.toPath(), "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }
}
