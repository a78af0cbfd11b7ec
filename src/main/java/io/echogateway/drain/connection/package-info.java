/**
 * What an application gives the drain about its connections, the only types it codes against besides the drain
 * and its report: the notices its servers write ({@link io.echogateway.drain.connection.ConnectionNotices}), the frames
 * its protocol refuses ({@link io.echogateway.drain.connection.RejectedFrame}), and the reasons a connection is turned
 * away or closed.
 */
@NullMarked
package io.echogateway.drain.connection;

import org.jspecify.annotations.NullMarked;
