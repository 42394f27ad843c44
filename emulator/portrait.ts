// Deterministic SVG portraits: a real image per influencer (and a thumbnail per asset), so
// the URLs the records return can be opened in a browser or fetched by a test.
import { seededRandom } from "./persona";

const SKIN = ["#f1c27d", "#e0ac69", "#c68642", "#8d5524", "#ffdbac", "#a1665e"];
const HAIR = ["#1b1b1b", "#4b2e1e", "#8b4513", "#b5651d", "#d8b26e", "#a9a9b3"];
const BACKDROP = ["#cfe8ff", "#ffe1cc", "#e4f7d2", "#f4d9ff", "#fff4b8", "#d9f2f2"];
const SHIRT = ["#3d5a80", "#e76f51", "#2a9d8f", "#6d597a", "#264653", "#f4a261"];

const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);

/** A head-and-shoulders portrait; `size` is the square edge in pixels (512 portrait, 128 thumbnail). */
export function portraitSvg(seed: string, size: number, label?: string): string {
  const rnd = seededRandom(seed);
  const p = <T>(list: T[]): T => list[Math.floor(rnd() * list.length)];
  const [bg, skin, hair, shirt] = [p(BACKDROP), p(SKIN), p(HAIR), p(SHIRT)];
  const hairLen = 30 + Math.floor(rnd() * 60);
  const title = label ? `<title>${escapeXml(label)}</title>` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 256 256">`,
    title,
    `<rect width="256" height="256" fill="${bg}"/>`,
    `<ellipse cx="128" cy="250" rx="90" ry="60" fill="${shirt}"/>`,
    `<rect x="112" y="150" width="32" height="40" fill="${skin}"/>`,
    `<ellipse cx="128" cy="${110 + hairLen / 4}" rx="62" ry="${50 + hairLen / 2}" fill="${hair}"/>`,
    `<ellipse cx="128" cy="115" rx="46" ry="56" fill="${skin}"/>`,
    `<circle cx="110" cy="110" r="5" fill="#222"/><circle cx="146" cy="110" r="5" fill="#222"/>`,
    `<path d="M112 140 Q128 ${148 + Math.floor(rnd() * 8)} 144 140" stroke="#5a2d2d" stroke-width="4" fill="none"/>`,
    `</svg>`,
  ].join("");
}
