/** Characters Discord's and GitHub's Markdown read as formatting, escaped so member text shows as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>#|~])/g, '\\$1');
}
