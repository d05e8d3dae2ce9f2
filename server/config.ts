import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
});

export type Config = { port: number; host: string; dataDir: string };

/** Reads PORT, HOST and DATA_DIR; a bad value is an error that names the variable. */
export function readConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid environment: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return { port: parsed.data.PORT, host: parsed.data.HOST, dataDir: parsed.data.DATA_DIR };
}
