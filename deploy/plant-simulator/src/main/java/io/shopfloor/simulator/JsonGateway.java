package io.shopfloor.simulator;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON gateways of the plant, on one connection: counters on {@code plant/{site}/{area}/{line}/{machine}/counter/
 * {good|scrap}}, states on {@code .../state}, and every machine's terminal (Sparkplug machines' too) on
 * {@code .../operation}, as the bridge's README describes the payloads.
 */
final class JsonGateway implements MachineGateway {
    private final MqttPublisher publisher;
    private final Map<String, SimulatedMachine> machines = new HashMap<>();

    JsonGateway(MqttServer server, String clientId, PlantLayout layout) throws Exception {
        layout.machines().forEach(m -> machines.put(m.machineId(), m));
        publisher = new MqttPublisher(server, clientId, null, null);
    }

    static String topic(SimulatedMachine machine, String suffix) {
        return "plant/" + PlantLayout.SITE + "/" + PlantLayout.AREA + "/" + machine.lineName() + "/"
                + machine.machineId() + "/" + suffix;
    }

    @Override
    public void publish(MachineMessage message) throws Exception {
        SimulatedMachine machine = machines.get(message.machineId());
        for (int copy = 0; copy < message.copies(); copy++) {
            switch (message.kind()) {
                case COUNTERS -> {
                    publisher.publish(topic(machine, "counter/good"), counter(message, message.goodCounter()));
                    publisher.publish(topic(machine, "counter/scrap"), counter(message, message.scrapCounter()));
                }
                case STATE -> publisher.publish(topic(machine, "state"), bytes("{\"timestamp\":"
                        + message.timeMillis() + ",\"state\":\"" + message.state() + "\""
                        + (message.stopCode() == null ? "" : ",\"stopCode\":\"" + message.stopCode() + "\"")
                        + ",\"bootEpoch\":" + message.bootEpoch() + ",\"seq\":" + sequence(message) + "}"));
                case OPERATION -> publisher.publish(topic(machine, "operation"), bytes("{\"timestamp\":"
                        + message.timeMillis() + ",\"eventType\":\"" + message.eventType() + "\",\"orderNo\":\""
                        + message.orderNo() + "\",\"orderLineNo\":10000,\"operationNo\":\"" + message.operationNo()
                        + "\",\"operatorId\":\"" + message.operatorId() + "\"}"));
                default -> throw new IllegalArgumentException(message.kind().name());
            }
        }
    }

    /**
     * The bridge requires a state message's {@code seq}: the event's place on the machine's 3 s grid, which a
     * restart of the simulator or a repeat leaves the same.
     */
    static long sequence(MachineMessage message) {
        return message.timeMillis() / 3_000;
    }

    private byte[] counter(MachineMessage message, long value) {
        return bytes("{\"timestamp\":" + message.timeMillis() + ",\"value\":" + value + ",\"bootEpoch\":"
                + message.bootEpoch() + "}");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void flush() throws Exception {
        publisher.flush();
    }

    @Override
    public void close() throws Exception {
        publisher.close();
    }
}
