package org.iecmh.endorsement.kit.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.iecmh.endorsement.contracts.Topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Where the services create their topics themselves (the binder's {@code auto-create-topics}: the local platform and
 * the tests; on Kubernetes the KafkaTopic manifests make them), each topic of {@link Topics#LATEST_PER_KEY} is made
 * compacted before any binding creates it with the broker's defaults, and one made earlier with other settings (a
 * local platform's data from before) is changed to them.
 */
public final class LatestPerKeyTopics {

    /**
     * Compacted; a segment stays open at most a week while records arrive (a broker closes one only on an append), so
     * that the cleaner may then remove the records a later one of their key replaced (deploy/k8s sets the same).
     */
    public static final Map<String, String> CONFIG = Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(TimeUnit.DAYS.toMillis(7)));

    private static final long WAIT_SECONDS = 30;

    private final List<String> topics;

    private LatestPerKeyTopics(List<String> topics) {
        this.topics = topics;
    }

    /** The topics, named as deployed, that were made compacted. */
    public List<String> topics() {
        return topics;
    }

    /** Creates or reconfigures the topics, named as deployed; throws if the broker does not do it in time. */
    public static LatestPerKeyTopics ensure(KafkaNames names, Map<String, Object> adminClient) {
        List<String> topics = Topics.LATEST_PER_KEY.stream().map(names::topic).sorted().toList();
        try (Admin admin = Admin.create(adminClient)) {
            for (String topic : topics) {
                create(admin, topic);
            }
            admin.incrementalAlterConfigs(settings(topics)).all().get(WAIT_SECONDS, TimeUnit.SECONDS);
            return new LatestPerKeyTopics(topics);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not make " + topics + " compacted", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making " + topics + " compacted", e);
        }
    }

    private static void create(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            // The broker's partition count and replication, as the binder would have chosen.
            admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty()).configs(CONFIG)))
                    .all().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<ConfigResource, Collection<AlterConfigOp>> settings(List<String> topics) {
        List<AlterConfigOp> set = CONFIG.entrySet().stream()
                .map(entry -> new AlterConfigOp(new ConfigEntry(entry.getKey(), entry.getValue()),
                        AlterConfigOp.OpType.SET))
                .toList();
        return topics.stream().collect(Collectors.toMap(
                topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic), topic -> set));
    }
}
