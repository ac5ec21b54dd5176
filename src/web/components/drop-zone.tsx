import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';

export const ACCEPT_DOCUMENTS = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

/**
 * A box to drop files on, with an ordinary file input for keyboards and phones (the input is
 * visually hidden; its label is the visible button and shows the focus ring).
 */
export const DropZone = ({
  multiple = false,
  accept,
  onFiles,
  prompt,
  button,
  children,
  disabled = false,
}: {
  multiple?: boolean;
  accept: string;
  onFiles: (files: File[]) => void;
  prompt: string;
  button: string;
  children?: ComponentChildren;
  disabled?: boolean;
}) => {
  const id = useId();
  const [over, setOver] = useState(false);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a drop target; its button and file input are the keyboard's way in
    <div
      class={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(!disabled);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const files = [...(e.dataTransfer?.files ?? [])];
        if (!disabled && files.length) onFiles(files);
      }}
    >
      <p>
        {prompt}{' '}
        <input
          id={id}
          class="file-input"
          type="file"
          accept={accept}
          multiple={multiple}
          disabled={disabled}
          onChange={(e) => {
            const files = [...(e.currentTarget.files ?? [])];
            if (files.length) onFiles(files);
            e.currentTarget.value = '';
          }}
        />
        <label for={id} class="btn">
          {button}
        </label>
      </p>
      {children}
    </div>
  );
};
