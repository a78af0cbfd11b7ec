package io.echogateway.drain.actuate;

/**
 * Why an endpoint could not do what was asked.
 *
 * @param message one sentence for the caller
 */
public record ProblemDescriptor(String message) {

}
