/**
 * Starts GraphiQL from files this server serves: the options yoga rendered into the page's JSON block,
 * and Monaco's workers from /graphiql/ instead of blob URLs made from inline strings.
 */
declare global {
  interface Window {
    YogaGraphiQL: { renderYogaGraphiQL(root: Element, options: unknown): void };
    MonacoEnvironment: { globalAPI: boolean; getWorkerUrl(moduleId: string, label: string): string };
  }
}

const WORKERS: Record<string, string> = {
  editorWorkerService: '/graphiql/editorWorkerService.js',
  json: '/graphiql/json.js',
  graphql: '/graphiql/graphql.js',
};

export {};

window.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId: string, label: string) => WORKERS[label] ?? WORKERS.editorWorkerService ?? '',
};
const options = JSON.parse(document.getElementById('graphiql-options')?.textContent ?? '{}');
const root = document.getElementById('root');
if (root) window.YogaGraphiQL.renderYogaGraphiQL(root, options);
