package org.iecmh.endorsement.testkit;

import java.io.IOException;

/**
 * The main class of the S3 server's child JVM: it runs s3proxy, and ends the JVM as soon as its standard input
 * closes, which happens when the test JVM ends however it ends (a shutdown hook does not run after a kill -9).
 */
final class S3ServerProcess {

    private S3ServerProcess() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Nothing is sent; the read returns -1 when the parent's end of the pipe closes.
                }
            } catch (IOException closed) {
                // The same: the parent is gone.
            }
            Runtime.getRuntime().halt(0);
        }, "s3-server-parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        Class.forName("org.gaul.s3proxy.Main").getMethod("main", String[].class).invoke(null, (Object) args);
    }
}
