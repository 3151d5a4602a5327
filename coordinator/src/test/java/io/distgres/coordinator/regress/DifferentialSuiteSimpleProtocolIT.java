package io.distgres.coordinator.regress;

/**
 * The differential suite again with pgjdbc's simple query protocol: every statement reaches the
 * coordinator as text with its values written in, the path routed by statement fingerprint
 * (constants as {@code $n}) rather than by a prepared statement's parameters.
 */
@DifferentialSuiteIT.SimpleQueryProtocol
class DifferentialSuiteSimpleProtocolIT extends DifferentialSuiteIT {
}
