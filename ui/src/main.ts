import { start } from './start';
import './style.css';

void start();
