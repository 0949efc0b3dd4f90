import { start } from './app';
import './style.css';

void start();
