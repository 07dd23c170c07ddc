import type { StoryStep } from '../../scenarios/result-types.js';

/** A story as numbered plain-text lines, the form the console and JUnit print: `2. at 719 ms, window A (alice) got …`. */
export function storyLines(story: readonly StoryStep[]): string[] {
  return story.map((step, i) => `${i + 1}. ${step.text}`);
}
