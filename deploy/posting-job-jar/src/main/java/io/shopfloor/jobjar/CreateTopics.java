package io.shopfloor.jobjar;

import io.shopfloor.schema.KafkaTopics;

/**
 * Creates the pipeline's topics where missing: {@code CreateTopics <bootstrap servers> <partitions>
 * <replication factor>}. Partitions bound the posting job's useful parallelism (see the cluster README).
 */
public final class CreateTopics {

    private CreateTopics() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CreateTopics <bootstrap servers> <partitions> <replication factor>");
            System.exit(2);
        }
        KafkaTopics.createMissing(args[0], Integer.parseInt(args[1]), Short.parseShort(args[2]));
        System.out.println("topics ready: " + KafkaTopics.ALL.size());
    }
}
