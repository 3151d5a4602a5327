package io.distgres.coordinator.backend;

import static java.util.Objects.requireNonNull;

import io.distgres.proto.worker.v1.Identity;

/**
 * The roles a client session acts as: the role it logged in as, its session authorization
 * ({@code SET SESSION AUTHORIZATION}, which only a superuser login can change) and its current role
 * ({@code SET ROLE}). Values are as {@code current_setting()} prints them: the session
 * authorization is the login's name until changed, the role is {@code none} until set.
 *
 * @param login                the startup packet's user; every pooled connection the session uses was opened by it
 * @param loginOid             the login role's OID, 0 for the coordinator's configured user: pools are kept
 *                             per name and OID, so a role re-created or renamed under that name never gets
 *                             a connection opened for the earlier one
 * @param sessionAuthorization {@code current_setting('session_authorization')}
 * @param role                 {@code current_setting('role')}
 */
public record SessionIdentity(String login, long loginOid, String sessionAuthorization, String role) {
    /** The value of {@code role} when no SET ROLE is in effect. */
    public static final String NO_ROLE = "none";

    public SessionIdentity {
        requireNonNull(login, "login is null");
        requireNonNull(sessionAuthorization, "sessionAuthorization is null");
        requireNonNull(role, "role is null");
    }

    /** A session that just logged in as {@code login} (OID {@code loginOid}). */
    public static SessionIdentity loggedInAs(String login, long loginOid) {
        return new SessionIdentity(login, loginOid, login, NO_ROLE);
    }

    /** What pools are kept by: the login's name and OID. */
    public String poolKey() {
        return loginOid == 0 ? login : login + "#" + loginOid;
    }

    /** True when neither SET SESSION AUTHORIZATION nor SET ROLE is in effect. */
    public boolean isLoginOnly() {
        return sessionAuthorization.equals(login) && role.equals(NO_ROLE);
    }

    /** The same login with {@code sessionAuthorization} and {@code role}, as read from the session's connection. */
    public SessionIdentity with(String newSessionAuthorization, String newRole) {
        return new SessionIdentity(login, loginOid, newSessionAuthorization, newRole);
    }

    /** As a worker task carries it: only what differs from the login. */
    public Identity toProto() {
        Identity.Builder identity = Identity.newBuilder().setLogin(login).setLoginOid((int) loginOid);
        if (!sessionAuthorization.equals(login)) {
            identity.setSessionAuthorization(sessionAuthorization);
        }
        if (!role.equals(NO_ROLE)) {
            identity.setRole(role);
        }
        return identity.build();
    }
}
