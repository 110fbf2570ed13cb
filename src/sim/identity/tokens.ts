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

/**
 * Mints and checks JWTs for the demo account's managed identity. They are signed with a key that
 * lives only in this process, so a token from anywhere else (or a tampered one) is refused.
 */
export class TokenIssuer {
  readonly tenantId = randomUUID();
  readonly clientId = randomUUID();
  readonly principalId = randomUUID();
  private readonly key = randomBytes(32);

  constructor(readonly identityResourceId: string) {}

  get issuer(): string {
    // Azurite accepts only Entra ID issuers; the demo tenant id keeps it visibly not a real one.
    return `https://sts.windows.net/${this.tenantId}/`;
  }

  mint(audience: string, nowMs = Date.now()): { token: string; expiresOn: number } {
    const now = Math.floor(nowMs / 1000);
    const claims: TokenClaims = {
      aud: audience,
      iss: this.issuer,
      iat: now,
      nbf: now - 5,
      exp: now + lifetimeSeconds,
      tid: this.tenantId,
      oid: this.principalId,
      appid: this.clientId,
      sub: this.principalId,
      xms_mirid: this.identityResourceId,
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
