/** `rating`: one to five stars, as a radio group. */
import { loc, useI18n } from '../i18n.js';
import type { FieldPart } from './field-part.js';

export const ratingPart: FieldPart = {
  group: true,
  Input: function RatingInput({ id, field, value, onChange, describedBy }) {
    const { t, lang } = useI18n();
    const n = typeof value === 'number' ? value : 0;
    return (
      <div
        className="rating"
        role="radiogroup"
        id={id}
        aria-label={loc(field.label, lang)}
        aria-describedby={describedBy}
      >
        {[1, 2, 3, 4, 5].map((i) => (
          <label key={i} className={i <= n ? 'star on' : 'star'} title={t('ratingOf', { n: i })}>
            <input
              type="radio"
              name={id}
              value={i}
              checked={n === i}
              onChange={() => onChange(i)}
              aria-label={t('ratingOf', { n: i })}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </div>
    );
  },
  Value: function RatingValue({ value }) {
    const { t } = useI18n();
    const n = Number(value);
    return (
      <span className="stars" aria-label={t('ratingOf', { n })}>
        {'★'.repeat(Math.max(0, Math.min(5, n)))}
        <span className="muted">{'☆'.repeat(Math.max(0, 5 - n))}</span>
      </span>
    );
  },
};
