// The LTI 1.3 claims Charted reads from a launch's id_token (1EdTech LTI Core, Deep Linking 2.0,
// Assignment and Grade Services 2.0), named once.
import { z } from "zod";

const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  resourceLink: `${LTI}resource_link`,
  custom: `${LTI}custom`,
  ags: "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint",
  deepLinkingSettings: "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings",
  deepLinkingContentItems: "https://purl.imsglobal.org/spec/lti-dl/claim/content_items",
  deepLinkingData: "https://purl.imsglobal.org/spec/lti-dl/claim/data",
} as const;

export const LTI_VERSION = "1.3.0";
export const MESSAGE_TYPES = ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"] as const;
export const SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score";

/** The launch claims Charted uses, after the signature, issuer, audience, nonce and version checks. */
export const launchClaims = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().email().max(254).optional().catch(undefined),
  name: z.string().max(200).optional().catch(undefined),
  given_name: z.string().max(100).optional().catch(undefined),
  family_name: z.string().max(100).optional().catch(undefined),
  [CLAIM.messageType]: z.enum(MESSAGE_TYPES),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.roles]: z.array(z.string()).default([]),
  [CLAIM.context]: z
    .object({
      id: z.string().min(1).max(255),
      title: z.string().max(200).optional(),
      label: z.string().max(200).optional(),
    })
    .optional(),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255) }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional().catch(undefined),
  [CLAIM.ags]: z
    .object({ lineitem: z.string().url().optional(), scope: z.array(z.string()).default([]) })
    .optional()
    .catch(undefined),
  [CLAIM.deepLinkingSettings]: z
    .object({ deep_link_return_url: z.string().url(), data: z.string().max(2000).optional() })
    .optional(),
});
export type LaunchClaims = z.infer<typeof launchClaims>;

// Instructors and administrators of the course (context or institution) teach; anyone else learns.
const TEACHING_ROLE =
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/(membership|institution\/person|system\/person)#(Instructor|Administrator|SysAdmin)$/;

export function teachesInLaunch(roles: readonly string[]): boolean {
  return roles.some((role) => TEACHING_ROLE.test(role));
}
