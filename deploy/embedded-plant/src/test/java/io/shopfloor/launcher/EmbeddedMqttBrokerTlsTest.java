package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.mqtt.Tls;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker with {@code --mqtt-tls=true}: a gateway and a bridge, each trusting the broker's certificate
 * the way the plant hands it to them, exchange a message over TLS; plain MQTT on the port, a client that does not
 * trust the certificate and a wrong password are refused; the identity is kept across restarts.
 */
class EmbeddedMqttBrokerTlsTest {
    @TempDir
    Path data;

    @Test
    void onlyClientsThatTrustTheBrokersCertificateAndLogInGetThrough() throws Exception {
        PlantCredentials credentials = PlantCredentials.loadOrCreate(data);
        MqttTls tls = MqttTls.loadOrCreate(data.resolve("mqtt-tls"));
        String pem = Files.readString(tls.certificatePem());
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(data.resolve("mqtt"), credentials, tls, 0)) {
            assertTrue(broker.uri().startsWith("ssl://127.0.0.1:"), broker.uri());
            BlockingQueue<byte[]> received = new ArrayBlockingQueue<>(10);
            MqttClient bridge = connect(broker.uri(), "bridge", PlantCredentials.MQTT_BRIDGE_USER,
                    credentials.mqttBridgePassword(), Tls.socketFactory(tls.bridgeSettings()));
            bridge.subscribe("plant/#", 1, (topic, message) -> received.add(message.getPayload()));
            MqttClient gateway = connect(broker.uri(), "gateway", PlantCredentials.MQTT_GATEWAY_USER,
                    credentials.mqttGatewayPassword(), tls.socketFactory());
            byte[] payload = "{\"value\":17}".getBytes(StandardCharsets.UTF_8);
            gateway.publish("plant/s1/a1/L1/CUT-1/counter/good", payload, 1, false);
            assertArrayEquals(payload, received.poll(30, TimeUnit.SECONDS));
            gateway.disconnect();
            bridge.disconnect();

            String plain = broker.uri().replace("ssl://", "tcp://");
            assertThrows(MqttException.class, () -> connect(plain, "plain", PlantCredentials.MQTT_GATEWAY_USER,
                    credentials.mqttGatewayPassword(), null), "plain MQTT on the TLS port");
            assertThrows(MqttException.class, () -> connect(broker.uri(), "untrusting",
                    PlantCredentials.MQTT_GATEWAY_USER, credentials.mqttGatewayPassword(),
                    SSLContext.getDefault().getSocketFactory()), "the JVM's CAs only");
            MqttException wrongPassword = assertThrows(MqttException.class, () -> connect(broker.uri(), "guess",
                    PlantCredentials.MQTT_GATEWAY_USER, "guess", tls.socketFactory()));
            assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, wrongPassword.getReasonCode());
        }

        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(certificate.getSubjectAlternativeNames().stream().anyMatch(name -> name.get(1).equals("127.0.0.1")),
                () -> String.valueOf(certificate));
        assertEquals(pem, Files.readString(MqttTls.loadOrCreate(data.resolve("mqtt-tls")).certificatePem()),
                "a restart keeps the identity the gateways trust");
        for (String file : List.of("broker.p12", "trust.p12", "store.password")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    data.resolve("mqtt-tls").resolve(file))), file);
        }
    }

    private static MqttClient connect(String uri, String clientId, String user, String password,
                                      SocketFactory socketFactory) throws MqttException {
        MqttClient client = new MqttClient(uri, clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(user);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(10);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return client;
    }
}
