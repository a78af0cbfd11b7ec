/**
 * Spring Integration's server connections with less memory per connection and fewer copies per reply, which the drain
 * puts in place of the stock ones where the application kept those; {@link io.echogateway.drain.lean.LeanConnections}
 * is the only entry point, for the drain's own packages.
 */
@NullMarked
package io.echogateway.drain.lean;

import org.jspecify.annotations.NullMarked;
