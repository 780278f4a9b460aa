package io.shopfloor.ledger;

import io.shopfloor.schema.KafkaTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** The two ways back in for a dead letter. */
public final class RedriveTargets {
    private static final long TIMEOUT_MILLIS = 30_000;

    private RedriveTargets() {
    }

    /** Produces the payload with its key to the letter's source topic, if that is one of the pipeline's topics. */
    public static DeadLetterRedrive.Target kafka(String bootstrapServers, Map<String, Object> properties) {
        Map<String, Object> config = new java.util.HashMap<>(properties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
                new ByteArraySerializer());
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        return new DeadLetterRedrive.Target() {
            @Override
            public String refusal(DeadLetterRedrive.StoredLetter letter) {
                return KafkaTopics.POSTING_INPUTS.contains(letter.sourceTopic()) ? null
                        : "from " + letter.sourceTopic() + ", which the posting job does not read";
            }

            @Override
            public String send(DeadLetterRedrive.StoredLetter letter) {
                pending.add(producer.send(new ProducerRecord<>(letter.sourceTopic(), letter.key(), letter.payload())));
                return "kafka:" + letter.sourceTopic();
            }

            @Override
            public void flush() throws Exception {
                producer.flush();
                for (Future<RecordMetadata> sent : pending) {
                    sent.get();
                }
                pending.clear();
            }

            @Override
            public void close() {
                producer.close();
            }
        };
    }

    /** Publishes the raw payload to the letter's MQTT topic again, QoS 1, as a gateway would. */
    public static DeadLetterRedrive.Target mqtt(String serverUri, String username, String password) throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(serverUri, "shopfloor-redrive-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setMaxInflight(1000);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
        List<IMqttDeliveryToken> pending = new ArrayList<>();
        return new DeadLetterRedrive.Target() {
            @Override
            public String send(DeadLetterRedrive.StoredLetter letter) throws Exception {
                if (pending.size() >= 500) {
                    flush(); // Paho's in-flight window is bounded
                }
                MqttMessage message = new MqttMessage(letter.payload());
                message.setQos(1);
                pending.add(client.publish(letter.sourceTopic(), message));
                return "mqtt:" + letter.sourceTopic();
            }

            @Override
            public void flush() throws Exception {
                for (IMqttDeliveryToken token : pending) {
                    token.waitForCompletion(TIMEOUT_MILLIS);
                }
                pending.clear();
            }

            @Override
            public void close() throws Exception {
                client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
                client.close();
            }
        };
    }
}
