// The doubled spec of figure 4 (bench/scale.ts), also used by test/contract/tim-spec.test.ts.
import { DEFAULT_SPEC_PATH, loadSpecFrom } from '../../test-utils/contract/index.ts';

/**
 * The spec with every operation twice: the copy's command (and operationId) gets a suffix and
 * names its original in x-tim-copy-of, so the mock and the generated checks serve it (run it
 * with TIM_SPEC naming the file). Always made from specs/tim-chat.openapi.yaml, whatever TIM_SPEC is.
 * Written as JSON (which YAML readers accept): a bare 'yaml' import from bench/ would resolve to
 * Prism's own copy in bench/node_modules.
 */
export function doubledSpecText(suffix = '_copy'): string {
  const spec = structuredClone(loadSpecFrom(DEFAULT_SPEC_PATH)) as unknown as {
    paths: Record<string, { post: Record<string, unknown> }>;
  };
  const rename = (path: string) => `${path}${suffix}`;
  const paths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    paths[path] = item;
    const post = item.post;
    paths[rename(path)] = {
      ...item,
      post: {
        ...post,
        operationId: `${String(post.operationId)}${suffix}`,
        'x-tim-copy-of': String(post.operationId),
        'x-tim-alternative-paths': (post['x-tim-alternative-paths'] as string[]).map(rename),
      },
    };
  }
  return JSON.stringify({ ...spec, paths }, null, 1);
}
