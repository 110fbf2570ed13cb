import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

/** The claims the demo account puts in its tokens: enough for Azurite's OAuth check and our own. */
export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  appid: string;
  sub: string;
  /** The managed identity's resource id, as Entra ID stamps it on managed identity tokens. */
  xms_mirid: string;
}

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

const lifetimeSeconds = 60 * 60;

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

/** Resource URIs are compared without trailing slashes: Azure accepts both spellings of an audience. */
export function normaliseAudience(audience: string): string {
  return audience.replace(/\/+$/, "").toLowerCase();
}

/** A managed identity the token endpoint signs in as. */
export interface DemoCaller {
  clientId: string;
  principalId: string;
  identityResourceId: string;
}

/**
 * Mints and checks JWTs for the demo account's managed identities. They are signed with a key that
 * lives only in this process, so a token from anywhere else (or a tampered one) is refused.
 *
 * Two identities sign in: the operator (the default, which the simulator makes Owner of the demo
 * subscription) and a restricted reader, asked for by its client id, that may read everything but
 * role assignments, so a test can meet ARM's 403 AuthorizationFailed.
 */
export class TokenIssuer {
  readonly tenantId = randomUUID();
  readonly clientId = randomUUID();
  readonly principalId = randomUUID();
  readonly restrictedReader: DemoCaller;
  private readonly key = randomBytes(32);

  constructor(readonly identityResourceId: string) {
    this.restrictedReader = {
      clientId: randomUUID(),
      principalId: randomUUID(),
      identityResourceId: identityResourceId.replace(/[^/]+$/, (name) => `${name}-reader`),
    };
  }

  /** The operator's identity, the one the token endpoint signs in as when no client id is asked for. */
  get operator(): DemoCaller {
    return {
      clientId: this.clientId,
      principalId: this.principalId,
      identityResourceId: this.identityResourceId,
    };
  }

  /** The identity with that client id (compared without regard to case), if the endpoint knows it. */
  callerByClientId(clientId: string): DemoCaller | undefined {
    const lower = clientId.toLowerCase();
    return [this.operator, this.restrictedReader].find((caller) => caller.clientId === lower);
  }

  get issuer(): string {
    // Azurite accepts only Entra ID issuers; the demo tenant id keeps it visibly not a real one.
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  mint(
    audience: string,
    nowMs = Date.now(),
    caller: DemoCaller = this.operator,
  ): { token: string; expiresOn: number } {
    const now = Math.floor(nowMs / 1000);
    const claims: TokenClaims = {
      aud: audience,
      iss: this.issuer,
      iat: now,
      nbf: now - 5,
      exp: now + lifetimeSeconds,
      tid: this.tenantId,
      oid: caller.principalId,
      appid: caller.clientId,
      sub: caller.principalId,
      xms_mirid: caller.identityResourceId,
    };
    const unsigned = `${base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${base64url(JSON.stringify(claims))}`;
    return { token: `${unsigned}.${this.sign(unsigned)}`, expiresOn: claims.exp };
  }

  check(token: string, audience: string, nowMs = Date.now()): TokenCheck {
    const parts = token.split(".");
    if (parts.length !== 3) return { ok: false, reason: "The access token is not a JWT." };
    const [header = "", payload = "", signature = ""] = parts;
    const expected = Buffer.from(this.sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: "The access token signature is invalid." };
    }
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as TokenClaims;
    const now = nowMs / 1000;
    if (now < claims.nbf) return { ok: false, reason: "The access token is not yet valid." };
    if (now >= claims.exp)
      return { ok: false, reason: "The access token expiry UTC time is earlier than current UTC time." };
    if (normaliseAudience(claims.aud) !== normaliseAudience(audience)) {
      return {
        ok: false,
        reason: `The access token has an invalid audience: ${claims.aud}; expected ${audience}.`,
      };
    }
    return { ok: true, claims };
  }

  private sign(data: string): string {
    return createHmac("sha256", this.key).update(data).digest("base64url");
  }
}
