// Korea's particulate-matter grades (the scale comes from the server: /api/office/status → air.scale).
import { english } from './texts.js';

let scale = { pm10: [30, 80, 150], pm25: [15, 35, 75], names: ['좋음', '보통', '나쁨', '매우나쁨'], names_en: ['Good', 'Moderate', 'Bad', 'Very bad'] };

export function useScale(s) {
  if (s) scale = s;
}

function gradeOf(value, bounds) {
  if (value === null || value === undefined) return null;
  const rounded = Math.round(value);
  for (let i = 0; i < bounds.length; i++) if (rounded <= bounds[i]) return i + 1;
  return bounds.length + 1;
}

/** 1 (좋음) to 4 (매우나쁨), the worse of PM10's and PM2.5's; null when neither is known. */
export function grade(pm10, pm25) {
  const a = gradeOf(pm10, scale.pm10);
  const b = gradeOf(pm25, scale.pm25);
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** The grade's Korean name (also on the English page, where the English name follows). */
export function gradeName(level) {
  if (!level) return english ? 'No data' : '자료 없음';
  const ko = scale.names[level - 1];
  return english ? `${scale.names_en[level - 1]} (${ko})` : ko;
}

export function gradeNameShort(level) {
  if (!level) return '–';
  return english ? scale.names_en[level - 1] : scale.names[level - 1];
}

/** A glyph per grade, so the grade reads without colour. */
export const GRADE_GLYPHS = ['', '○', '◐', '▲', '✖'];
