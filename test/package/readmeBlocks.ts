import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The README's fenced block of this language that contains `marker`, exactly as written. */
export function readmeBlock(language: string, marker: string): string {
  const blocks = [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
  const found = blocks.filter((block) => block.includes(marker));
  if (found.length !== 1) throw new Error(`expected one \`\`\`${language} block with ${marker} in the README, found ${found.length}`);
  return found[0]!;
}

export interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
}

/** The steps of the README's GitHub Actions job that verifies a gateway. */
export function githubSteps(): WorkflowStep[] {
  const workflow = parse(readmeBlock('yaml', 'gateway-contract:')) as { jobs: Record<string, { steps: WorkflowStep[] }> };
  return workflow.jobs['gateway-contract']!.steps;
}

/** The steps of the README's fragment that starts the mock in a CI job. */
export function startMockSteps(): WorkflowStep[] {
  return parse(readmeBlock('yaml', 'name: Start the mock')) as WorkflowStep[];
}
