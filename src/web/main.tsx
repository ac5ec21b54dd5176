import { render } from 'preact';
import { App } from './app.tsx';
import { currentLang } from './i18n.ts';
import './styles.css';
import './records.css';
import './corrections.css';
import './paper.css';

document.documentElement.lang = currentLang();
render(<App />, document.getElementById('app')!);
