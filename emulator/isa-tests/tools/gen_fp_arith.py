"""Prints the generated check block of rv64d.S ("d") or rv64f.S ("s"). Expected values come from fpround.py."""
import sys
import os
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fpround import rnd, decode, F
import math
fmt=sys.argv[1]
E,M = (11,52) if fmt=='d' else (8,23)
BIAS=(1<<(E-1))-1
def bits(v):  # exact value to bits (must be representable)
    b,fl=rnd(F(v),fmt,'rne'); assert fl==0,(v); return b
SIGN=1<<(E+M)
INF=((1<<E)-1)<<M
QNAN=INF|(1<<(M-1))
SNAN=INF|1
MAX=INF-1
MINSUB=1
MINNORM=1<<M
one=bits(1)
W = 'CHECK' 
lines=[]
n=[0]
def emit(s): lines.append(s)
def num():
    n[0]+=1; return n[0]
up = fmt.upper()
def h(x): return hex(x)
def val(b):
    return decode(b,fmt)
def arith(op,a,b,modes=('rne','rtz','rdn','rup','rmm')):
    for mode in modes:
        va,vb=val(a),val(b)
        ex={'fadd':lambda:va+vb,'fsub':lambda:va-vb,'fmul':lambda:va*vb,'fdiv':lambda:va/vb}[op]()
        r,fl=rnd(ex,fmt,mode)
        if ex==0 and op in('fadd','fsub'):
            # exact zero sum: +0 except rdn gives -0; same-sign zeros keep sign (not used here)
            r = SIGN if mode=='rdn' else 0
        emit(f"    FP_RR_{up} {num():3d}, {op}.{fmt}, {mode}, {h(r)}, {h(fl)}, {h(a)}, {h(b)}")
def sqrt(a,modes=('rne','rtz','rdn','rup','rmm')):
    import decimal
    for mode in modes:
        v=val(a)
        # exact sqrt rounding via integer sqrt on scaled value
        q=-(2*M+8)
        scaled=v/F(2)**(2*q)   # sqrt(v)=sqrt(scaled)*2^q
        # compute floor sqrt with enough bits
        N=scaled.numerator*(1<<200)//scaled.denominator
        s=math.isqrt(N)
        exact = (s*s==N) and (scaled.numerator*(1<<200)%scaled.denominator==0)
        approx=F(s)/F(2)**100*F(2)**q
        if not exact: approx+=F(1,2)**400  # nudge above floor so rounding is inexact & correct side
        r,fl=rnd(approx,fmt,mode)
        emit(f"    FP_R_{up} {num():3d}, fsqrt.{fmt}, {mode}, {h(r)}, {h(fl)}, {h(a)}")
def fma(op,a,b,c,modes=('rne','rtz','rdn','rup','rmm')):
    for mode in modes:
        va,vb,vc=val(a),val(b),val(c)
        ex={'fmadd':va*vb+vc,'fmsub':va*vb-vc,'fnmsub':-(va*vb)+vc,'fnmadd':-(va*vb)-vc}[op]
        r,fl=rnd(ex,fmt,mode)
        if ex==0: r = SIGN if mode=='rdn' else 0   # exact zero sum of opposite signs
        emit(f"    FP_RRR_{up} {num():3d}, {op}.{fmt}, {mode}, {h(r)}, {h(fl)}, {h(a)}, {h(b)}, {h(c)}")
def raw(op,mode,r,fl,*args):
    macro={'fsqrt':'FP_R','fmadd':'FP_RRR','fmsub':'FP_RRR','fnmadd':'FP_RRR','fnmsub':'FP_RRR'}.get(op,'FP_RR')
    emit(f"    {macro}_{up} {num():3d}, {op}.{fmt}, {mode}, {h(r)}, {h(fl)}, "+", ".join(h(x) for x in args))
ulp=F(2)**-M
emit("    /* Rounding: the same inexact operations in all five static rounding modes. */")
arith('fadd', one, bits(ulp/2))           # tie
arith('fadd', one, bits(ulp*3/4))
arith('fadd', one|SIGN, bits(ulp/2)|SIGN)
arith('fsub', one, bits(ulp/4))
arith('fmul', bits(1+ulp), bits(1+ulp))
arith('fdiv', one, bits(3))
arith('fdiv', one|SIGN, bits(3))
sqrt(bits(2))
emit("    /* Exact results raise no flags. */")
arith('fadd', bits(F(3,2)), bits(F(5,4)), ('rne',))
arith('fsub', bits(1), bits(1), ('rne','rdn'))   # x - x = +0, or -0 when rounding down
arith('fmul', bits(-3), bits(F(1,4)), ('rne',))
arith('fdiv', bits(-9), bits(3), ('rne',))
sqrt(bits(F(9,4)),('rne',))
emit("    /* Overflow: to infinity or to the largest finite number, by rounding mode. */")
arith('fadd', MAX, MAX)
arith('fmul', MAX|SIGN, bits(2))
emit("    /* Underflow: subnormal results; exact tiny results raise no underflow. */")
arith('fmul', MINNORM, bits(F(1,2)), ('rne',))
arith('fmul', MINSUB, bits(F(1,2)))
arith('fdiv', MINNORM|3, bits(4))
arith('fsub', MINNORM, MINSUB, ('rne',))
emit("    /* Invalid operations give the canonical NaN and NV; x/0 gives infinity and DZ. */")
raw('fadd','rne',QNAN,0x10,INF,INF|SIGN)
raw('fsub','rne',QNAN,0x10,INF,INF)
raw('fmul','rne',QNAN,0x10,INF,0)
raw('fdiv','rne',QNAN,0x10,0,0)
raw('fdiv','rne',QNAN,0x10,INF,INF|SIGN)
raw('fdiv','rne',INF,0x08,one,0)
raw('fdiv','rne',INF|SIGN,0x08,one,SIGN)
raw('fdiv','rne',INF|SIGN,0x08,one|SIGN,0)
raw('fdiv','rne',0,0,one,INF)
raw('fsqrt','rne',QNAN,0x10,one|SIGN)
raw('fsqrt','rne',SIGN,0,SIGN)
raw('fsqrt','rne',INF,0,INF)
raw('fsqrt','rne',QNAN,0x10,INF|SIGN)
emit("    /* NaN inputs: quiet NaNs propagate silently as the canonical NaN, signaling ones raise NV. */")
raw('fadd','rne',QNAN,0,QNAN|0x5,one)
raw('fadd','rne',QNAN,0x10,SNAN,one)
raw('fmul','rne',QNAN,0x10,one,SNAN|SIGN)
raw('fdiv','rne',QNAN,0,QNAN|SIGN,one)
raw('fsqrt','rne',QNAN,0x10,SNAN)
raw('fsqrt','rne',QNAN,0,QNAN|SIGN)
emit("    /* Infinity arithmetic. */")
raw('fadd','rne',INF,0,INF,MAX|SIGN)
raw('fmul','rne',INF|SIGN,0,INF,one|SIGN)
raw('fsub','rne',INF|SIGN,0,one,INF)
emit("    /* Signed zeros: -0 + -0 = -0, +0 + -0 = +0 (or -0 rounding down). */")
raw('fadd','rne',SIGN,0,SIGN,SIGN)
raw('fadd','rne',0,0,0,SIGN)
raw('fadd','rdn',SIGN,0,0,SIGN)
raw('fmul','rne',SIGN,0,0,one|SIGN)
emit("    /* Fused multiply-add rounds once: (1 + e)^2 - (1 + 2e) leaves exactly e^2. */")
e = F(2)**-(M//2+4)
x=bits(1+e)
fma('fmadd', x, x, bits(-(1+2*e)), ('rne',))
fma('fmadd', x, x, one)
fma('fmsub', x, x, one)
fma('fnmsub', x, x, one)
fma('fnmadd', x, x, one)
fma('fmadd', bits(2), bits(3), bits(-6), ('rne','rdn'))
fma('fmsub', bits(2), bits(3), bits(1), ('rne',))
fma('fnmadd', bits(2), bits(3), bits(1), ('rne',))
fma('fnmsub', bits(2), bits(3), bits(1), ('rne',))
raw('fmadd','rne',QNAN,0x10,INF,0,QNAN)   # inf*0 + qNaN must still raise NV
raw('fmadd','rne',QNAN,0x10,INF,one,INF|SIGN)
raw('fmadd','rne',QNAN,0,one,one,QNAN)
raw('fmadd','rne',QNAN,0x10,one,one,SNAN)
fma('fmadd', MAX, bits(2), MAX|SIGN, ('rne',))
fma('fmadd', MAX, bits(2), bits(0), ('rne','rtz'))
emit("    /* Tininess is detected after rounding: a product just below the smallest normal that rounds")
emit("       up to it raises NX only; rounding toward zero leaves it subnormal, raising UF too. */")
arith('fmul', bits(1+ulp), MINNORM-1)
fma('fmadd', bits(1+ulp), MINNORM-1, 0, ('rne','rtz'))
print("\n".join(lines))
print(f"    /* {n[0]} checks */", file=sys.stderr)
