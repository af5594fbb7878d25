import { z } from 'zod';
import { displayNameSchema, passwordSchema, roles, usernameSchema } from './session.contract.ts';

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  districtIds: z.array(z.string()),
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const districtSchema = z.object({
  id: z.string(),
  name: z.string(),
  province: z.string().nullable(),
});
export type District = z.infer<typeof districtSchema>;

const idSchema = z.string().min(1).max(64);

export const usersChannels = {
  /** Every account of the branch (admins and managers only). */
  'users:list': { input: z.undefined(), output: z.array(userSchema) },
  /** Creates an account with its own key slot on this device (admin). */
  'users:add': {
    input: z
      .object({
        username: usernameSchema,
        displayName: displayNameSchema,
        role: z.enum(roles),
        districtIds: z.array(idSchema).max(200),
        password: passwordSchema,
      })
      .strict(),
    output: userSchema,
  },
  /** Changes an account's name, role, districts or disables it (admin); its key slot goes with `disabled`. */
  'users:update': {
    input: z
      .object({
        id: idSchema,
        displayName: displayNameSchema.optional(),
        role: z.enum(roles).optional(),
        districtIds: z.array(idSchema).max(200).optional(),
        disabled: z.boolean().optional(),
      })
      .strict(),
    output: userSchema,
  },
  /** Sets a new password for another account (admin), e.g. one its owner forgot. */
  'users:set-password': {
    input: z.object({ id: idSchema, password: passwordSchema }).strict(),
    output: z.null(),
  },
  /** The branch's districts. */
  'districts:list': { input: z.undefined(), output: z.array(districtSchema) },
  /** Adds a district (admin). */
  'districts:add': {
    input: z.object({ name: z.string().trim().min(2).max(120), province: z.string().trim().min(2).max(120).optional() }).strict(),
    output: districtSchema,
  },
};
