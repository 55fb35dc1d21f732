import { z } from 'zod'
import { ManagerRoleSchema, ManagerSessionSchema, SessionTransportSchema } from './manager.schema'
import { singleLine } from './text'

/** A six-digit code from an authenticator app (RFC 6238, 30-second steps). */
export const TotpCodeSchema = z
  .string()
  .regex(/^\d{6}$/, 'must be the 6 digits shown by the authenticator app')
  .meta({ example: '123456' })

export const TwoFactorEnrolmentSchema = z
  .object({
    secret: z.string().meta({ description: 'The shared secret in Base32, for typing into an authenticator.' }),
    otpauthUri: z.string().meta({ description: 'The `otpauth://totp/…` URI the QR code holds.' }),
    qrCode: z.string().meta({ description: 'The QR code of the URI as an SVG data URL.' }),
  })
  .meta({ id: 'TwoFactorEnrolment' })

/** The password was right; the sign-in continues with a TOTP code (and first sets one up, when required). */
export const ManagerSignInChallengeSchema = z
  .object({
    status: z.enum(['two_factor_required', 'two_factor_setup_required']),
    pendingToken: z.string().meta({ description: 'Send it with the code to `POST /api/manager/session/two-factor`.' }),
    expiresAt: z.iso.datetime(),
    enrolment: TwoFactorEnrolmentSchema.optional().meta({
      description: 'With `two_factor_setup_required`: the authenticator to set up before entering its code.',
    }),
  })
  .meta({ id: 'ManagerSignInChallenge' })

export const ManagerSignInResultSchema = z.discriminatedUnion('status', [
  ManagerSessionSchema,
  ManagerSignInChallengeSchema,
])

export const TwoFactorSignInBodySchema = z
  .strictObject({ pendingToken: z.string().min(1).max(200), code: TotpCodeSchema, session: SessionTransportSchema })
  .meta({ id: 'TwoFactorSignInBody' })

export const TotpCodeBodySchema = z.strictObject({ code: TotpCodeSchema }).meta({ id: 'TotpCodeBody' })

export const PasswordSchema = z.string().min(1).max(200)

export const ManagerAccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: ManagerRoleSchema,
    active: z.boolean(),
    twoFactorEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    lastSignInAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ManagerAccount' })

export const ManagerAccountListSchema = z
  .object({ items: z.array(ManagerAccountSchema) })
  .meta({ id: 'ManagerAccountList' })

export const CreateManagerBodySchema = z
  .strictObject({
    email: z.email().max(254),
    name: singleLine(120),
    role: ManagerRoleSchema,
    password: PasswordSchema.optional().meta({ description: 'Left out: a password is generated and answered once.' }),
  })
  .meta({ id: 'CreateManagerBody' })

/** `generatedPassword` is shown once to the admin who asked; it is stored only as a hash. */
export const ManagerAccountWithPasswordSchema = z
  .object({ manager: ManagerAccountSchema, generatedPassword: z.string().nullable() })
  .meta({ id: 'ManagerAccountWithPassword' })

export const ChangeManagerRoleBodySchema = z.strictObject({ role: ManagerRoleSchema }).meta({ id: 'ChangeRoleBody' })

export const ResetPasswordBodySchema = z
  .strictObject({
    password: PasswordSchema.optional().meta({ description: 'Left out: a password is generated and answered once.' }),
  })
  .meta({ id: 'ResetPasswordBody' })

export const ManagerIdParamsSchema = z.strictObject({ id: z.uuid() })

export const SignInPolicySchema = z
  .object({ requireTwoFactor: z.boolean() })
  .meta({ id: 'SignInPolicy', description: 'Whether every manager must sign in with a TOTP code.' })

export const SignInPolicyBodySchema = z.strictObject({ requireTwoFactor: z.boolean() }).meta({ id: 'SignInPolicyBody' })
