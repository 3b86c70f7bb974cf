import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { SindriConfigSummary } from '@internal/plugin-sindri-common';

const text = (v: unknown, max = 64) =>
  typeof v === 'string' && v.length > 0 ? v.slice(0, max) : undefined;

/**
 * Hash and summary of the instance's sindri.yaml: name, profile, active
 * extensions and resources. Undefined when the file cannot be read or parsed.
 */
export async function readSindriConfig(
  file: string,
): Promise<SindriConfigSummary | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return undefined;
  }
  let doc: any;
  try {
    doc = parse(bytes.toString('utf8')) ?? {};
  } catch {
    doc = {};
  }
  const extensions = doc?.extensions ?? {};
  const resources = doc?.deployment?.resources ?? {};
  const active = Array.isArray(extensions.active)
    ? extensions.active.filter((e: unknown) => typeof e === 'string')
    : [];
  const gpu = resources.gpu?.enabled
    ? text(resources.gpu?.tier ?? resources.gpu?.type)
    : undefined;
  const summaryResources = {
    ...(typeof resources.cpus === 'number' ? { cpus: resources.cpus } : {}),
    ...(text(resources.memory, 32)
      ? { memory: text(resources.memory, 32) }
      : {}),
    ...(text(doc?.deployment?.volumes?.workspace?.size, 32)
      ? { disk: text(doc.deployment.volumes.workspace.size, 32) }
      : {}),
    ...(gpu ? { gpu } : {}),
  };
  return {
    hash: crypto.createHash('sha256').update(bytes).digest('hex'),
    ...(text(doc?.name, 128) ? { name: text(doc.name, 128) } : {}),
    ...(text(extensions.profile) ? { profile: text(extensions.profile) } : {}),
    extensions: active.slice(0, 200),
    ...(Object.keys(summaryResources).length
      ? { resources: summaryResources }
      : {}),
  };
}
