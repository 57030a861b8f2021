package io.herald.posts.publishing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This node's membership of its cluster: a row in {@code publishing_nodes} that the node refreshes
 * every heartbeat interval on a thread of its own, stamped with the database's clock, so that no
 * two machines' clocks are ever compared. A survivor declares a node dead when its beat is older
 * than {@code node-dead-after} by that same clock ({@link #declareDead}), deleting the row in the
 * transaction that fails the node's posts. A node that finds its row gone has been declared dead:
 * it claims nothing (a claim needs the row, fresh) until it has joined again, and its sends in
 * flight are recorded only where their claims are still theirs.
 */
@Component
class NodeHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    private static final String JOIN = """
            insert into publishing_nodes (cluster, node, joined_at, beat_at) values (:cluster, :node, now(), now())
            on conflict (cluster, node) do update set beat_at = now()
            """;

    private static final String BEAT =
            "update publishing_nodes set beat_at = now() where cluster = :cluster and node = :node";

    private static final String LEAVE = "delete from publishing_nodes where cluster = :cluster and node = :node";

    private static final String DECLARE_DEAD = """
            delete from publishing_nodes
            where cluster = :cluster and node <> :self and beat_at < now() - :deadAfter * interval '1 millisecond'
            returning node
            """;

    private final JdbcClient jdbc;

    private final PublicationScheduler scheduler;

    private final PublishingProperties properties;

    /** This run of this node: a restarted node is a new member, whose predecessor's posts a survivor fails. */
    private final String node = host() + "-"
            + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private ScheduledExecutorService beats;

    /** Read and written by the heartbeat only (its first beat runs before the thread starts). */
    private boolean joined;

    NodeHeartbeat(JdbcClient jdbc, PublicationScheduler scheduler, PublishingProperties properties) {
        this.jdbc = jdbc;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /** This node's name; a publisher records it on the posts it holds. */
    String node() {
        return node;
    }

    /** Joins the cluster now (a database that is down makes the first beats join instead), then beats. */
    void start() {
        beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "herald-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        beat();
        var interval = properties.heartbeatInterval().toMillis();
        beats.scheduleWithFixedDelay(this::beat, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Stops beating and leaves the cluster: survivors fail at once what this node still holds. */
    void stop() {
        if (beats == null) {
            return;
        }
        beats.shutdownNow();
        try {
            beats.awaitTermination(5, TimeUnit.SECONDS);
            jdbc.sql(LEAVE)
                    .param("cluster", scheduler.cluster())
                    .param("node", node)
                    .update();
            log.info("Node {} left cluster {}", node, scheduler.cluster());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn(
                    "Node {} could not leave cluster {} ({}); it is declared dead later",
                    node,
                    scheduler.cluster(),
                    e.toString());
        }
    }

    private void beat() {
        try {
            if (joined) {
                var beaten = jdbc.sql(BEAT)
                        .param("cluster", scheduler.cluster())
                        .param("node", node)
                        .update();
                if (beaten == 1) {
                    return;
                }
                joined = false;
                log.warn(
                        "Node {} was declared dead by another node of cluster {} (no heartbeat for {}); its posts in"
                                + " flight were failed as outcome unknown and are not recorded. It claims nothing"
                                + " until it has joined again",
                        node,
                        scheduler.cluster(),
                        properties.nodeDeadAfter());
            }
            jdbc.sql(JOIN)
                    .param("cluster", scheduler.cluster())
                    .param("node", node)
                    .update();
            joined = true;
            log.info("Node {} joined cluster {}", node, scheduler.cluster());
        } catch (RuntimeException e) {
            log.warn("Heartbeat of node {} failed this time: {}", node, e.toString());
        }
    }

    /**
     * Removes the rows of the cluster's other nodes whose beat is older than the threshold by the
     * database's clock, in the caller's transaction, and answers their names. A node beating at the
     * same moment either beat first (its row is kept) or waits, and finds itself dead. A node never
     * declares itself dead: resumed after a freeze, it knows it is alive, and its sends in flight
     * are still its own unless another node took them.
     */
    List<String> declareDead() {
        return jdbc.sql(DECLARE_DEAD)
                .param("cluster", scheduler.cluster())
                .param("self", node)
                .param("deadAfter", properties.nodeDeadAfter().toMillis())
                .query(String.class)
                .list();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "herald";
        }
    }
}
