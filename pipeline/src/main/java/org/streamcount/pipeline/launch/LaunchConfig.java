package org.streamcount.pipeline.launch;

import java.time.Duration;
import org.streamcount.pipeline.JobConfig;
import org.streamcount.pipeline.KafkaClientConfig;

/**
 * One launch's options, checked once ({@link StreamCountOptionsValidator}): the job, its Kafka
 * clients, and what the launcher itself does before and while the job runs.
 *
 * @param kafkaWait how long topic preparation may wait for the broker
 * @param statusInterval between status lines; zero for none
 * @param clusterOutageLimit how long a Spark job may have no executor before it gives up
 * @param consumerGroup where the read positions are committed for lag tools, or null for nowhere
 * @param windowRetention the retention.ms of a windowed output topic it creates
 */
record LaunchConfig(
    JobConfig job,
    KafkaClientConfig kafka,
    Duration kafkaWait,
    Duration statusInterval,
    Duration clusterOutageLimit,
    boolean createInputTopics,
    int outputPartitions,
    boolean allowOutputTopicAsIs,
    boolean resetTable,
    String consumerGroup,
    Duration windowRetention) {}
