import { useTranslation } from 'react-i18next';
import { BACKENDS, OPTIMIZERS, TRAINING_INITIALIZERS } from '../../app/options';
import { optionSentence } from './option-sentence';
import { NUMBER_FIELDS, readOptions, useTrainingSession, type NumberField } from './training-session';
import { useShallow } from 'zustand/react/shallow';

/** The run's options: each number field says what it takes as soon as it is wrong. */
export function TrainingOptionsForm({ disabled, trainCanvas, onTrainCanvas }: { disabled: boolean; trainCanvas: boolean; onTrainCanvas: (on: boolean) => void }) {
  const { t } = useTranslation('training');
  const s = useTrainingSession(useShallow((s) => ({ fields: s.fields, optimizer: s.optimizer, init: s.init, backend: s.backend, setField: s.setField, setChoice: s.setChoice })));
  const { errors } = readOptions(s);

  const numberField = (field: NumberField) => {
    const error = errors[field];
    return (
      <label key={field} className={`field${error ? ' invalid' : ''}`}>
        <span>{t(`option.label.${field}`)}</span>
        <input
          type="text"
          inputMode="decimal"
          value={s.fields[field]}
          disabled={disabled || (field === 'hidden' && trainCanvas)}
          aria-invalid={!!error}
          data-testid={`train-option-${field}`}
          onChange={(e) => s.setField(field, e.target.value)}
        />
        {error && (
          <span className="field-error" role="alert" data-testid={`train-option-error-${field}`}>
            {optionSentence(t, error)}
          </span>
        )}
      </label>
    );
  };

  const choice = <K extends 'optimizer' | 'init' | 'backend'>(key: K, values: readonly string[]) => (
    <label className="field">
      <span>{t(`option.label.${key}`)}</span>
      <select value={s[key]} disabled={disabled} data-testid={`train-option-${key}`} onChange={(e) => s.setChoice({ [key]: e.target.value })}>
        {values.map((v) => (
          <option key={v} value={v}>
            {t(`option.${key}.${v}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="training-options">
      {NUMBER_FIELDS.map(numberField)}
      {choice('optimizer', OPTIMIZERS)}
      {choice('init', TRAINING_INITIALIZERS)}
      {choice('backend', BACKENDS)}
      <label className="field checkbox" title={t('option.trainCanvasHint')}>
        <input type="checkbox" checked={trainCanvas} disabled={disabled} onChange={(e) => onTrainCanvas(e.target.checked)} data-testid="train-option-canvas" />
        <span>{t('option.trainCanvas')}</span>
      </label>
    </div>
  );
}
